import type { Handler } from '../src/bot/handler'
import { checkTitle } from '../src/title/check'
import { titleReply, titleUsageReply } from './title-reply'
import { parseTitleRequest } from './title-request'

export { parseTitleRequest, type TitleRequest } from './title-request'

/** "标题检查 …" and friends → the title-check card; anything else → null for the next handler. */
export const titleCheckHandler: Handler = (ctx) => {
  if (ctx.msg.action) return null
  const request = parseTitleRequest(ctx.msg.text)
  if (!request) return null
  if (!request.title) return titleUsageReply()
  const report = checkTitle(request.title, { keywords: request.keywords })
  return titleReply(report, request.keywords, ctx.knowledge)
}
