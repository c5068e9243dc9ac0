// What the bot does, in the order it is tried: buttons first, then explicit commands, then the
// catch-all question path. The first handler that returns a reply wins.
import type { Handler } from '../src/bot/handler'
import { askHandler } from './ask'
import { askButtonHandler } from './button'
import { createCommandsHandler } from './commands'
import { feedbackHandler } from './feedback'
import { followUpHandler } from './follow-up'
import { helpHandler } from './help'
import { helpReply } from './replies'
import { smallTalkHandler } from './small-talk'
import { titleCheckHandler } from './title-check'

/** A bare "@红书参谋" with nothing after it: show what the bot can do instead of guessing. */
const emptyMentionHandler: Handler = (ctx) => (!ctx.msg.action && ctx.msg.text.trim() === '' ? helpReply(ctx.knowledge) : null)

/** `wecomApiBase` (WECOM_API_BASE) is accepted as a host for WeCom group webhooks given to /订阅. */
export function createHandlers(opts: { wecomApiBase?: string } = {}): readonly Handler[] {
  return [
    feedbackHandler,
    askButtonHandler,
    emptyMentionHandler,
    createCommandsHandler(opts),
    helpHandler,
    titleCheckHandler,
    followUpHandler,
    smallTalkHandler,
    askHandler,
  ]
}
