// "帮助 / help / 使用说明 / 你能做什么" → the help card. The matcher owns the pattern, so `cli match` agrees.
import type { Handler } from '../src/bot/handler'
import { isHelpRequest } from '../src/matcher/matcher'
import { helpReply } from './replies'

export { isHelpRequest } from '../src/matcher/matcher'

export const helpHandler: Handler = (ctx) => (!ctx.msg.action && isHelpRequest(ctx.msg.text) ? helpReply(ctx.knowledge) : null)
