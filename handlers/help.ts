// "帮助 / help / 使用说明 / 你能做什么" → the help card. The matcher owns the pattern, so `cli match` agrees.
import type { Handler } from '../src/bot/handler'
import { isHelpRequest } from '../src/matcher/matcher'
import { helpReply } from './replies'

export { isHelpRequest } from '../src/matcher/matcher'

/** The same decision `cli match` reports for 帮助. */
export const helpHandler: Handler = (ctx) =>
  !ctx.msg.action && isHelpRequest(ctx.msg.text) ? { ...helpReply(ctx.knowledge), decision: { intent: 'help', score: 1, reason: 'help' } } : null
