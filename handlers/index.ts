// What the bot does, in the order it is tried: buttons first, then explicit commands, then the
// catch-all question path. The first handler that returns a reply wins.
import type { Handler } from '../src/bot/handler'
import { TaughtOverlay } from '../src/teach'
import type { RandomValues } from '../src/insights'
import { createAskHandler } from './ask'
import { askButtonHandler } from './button'
import { createCommandsHandler } from './commands'
import { createFeedbackHandler } from './feedback'
import { followUpHandler } from './follow-up'
import { helpHandler } from './help'
import { createOperatorHandler } from './operator'
import { helpReply } from './replies'
import { smallTalkHandler } from './small-talk'
import { titleCheckHandler } from './title-check'

/** A bare "@红书参谋" with nothing after it: show what the bot can do instead of guessing. */
const emptyMentionHandler: Handler = (ctx) => (!ctx.msg.action && ctx.msg.text.trim() === '' ? helpReply(ctx.knowledge) : null)

export interface HandlerOptions {
  /** WECOM_API_BASE: accepted as a host for WeCom group webhooks given to /订阅. */
  wecomApiBase?: string
  /** QUESTION_LOG_DAYS (0: no question log). Default 30, as in the config. */
  questionLogDays?: number
  /** for the question log's ids and salt; crypto.getRandomValues unless given (see LogSettings) */
  randomValues?: RandomValues
}

/** One set per app instance: it holds this instance's taught overlay. */
export function createHandlers(opts: HandlerOptions = {}): readonly Handler[] {
  const overlay = new TaughtOverlay()
  const questionLogDays = opts.questionLogDays ?? 30
  return [
    createFeedbackHandler({ questionLogDays }),
    askButtonHandler,
    emptyMentionHandler,
    createCommandsHandler(opts),
    createOperatorHandler({ overlay, questionLogDays }),
    helpHandler,
    titleCheckHandler,
    followUpHandler,
    smallTalkHandler,
    createAskHandler({ overlay, questionLogDays, randomValues: opts.randomValues }),
  ]
}
