// Catch-all question handler: match the text against the knowledge; answer or fall back honestly.
import type { Handler } from '../src/bot/handler'
import { getMatcher } from '../src/matcher/matcher'
import { answerReply, fallbackReply } from './replies'

export { answerReply, fallbackReply, helpReply } from './replies'

/** Put it last: it answers every non-empty text (with the fallback when unsure). */
export const askHandler: Handler = (ctx) => {
  const text = ctx.msg.text.trim()
  if (ctx.msg.action || !text) return null
  const result = getMatcher(ctx.knowledge).match(text)
  if (!result.intent) return fallbackReply(ctx.knowledge, result.candidates)
  ctx.session.lastIntent = result.intent
  ctx.session.depth = 0
  return answerReply(ctx.knowledge, result.intent, { depth: 0 })
}
