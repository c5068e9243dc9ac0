// Catch-all question handler: match the text against the knowledge; answer or fall back honestly.
import type { Handler } from '../src/bot/handler'
import type { MatchDecision } from '../src/bot/reply'
import { getMatcher } from '../src/matcher/matcher'
import { answerReply, fallbackReply } from './replies'

export { answerReply, fallbackReply, helpReply } from './replies'

/** Put it last: it answers every non-empty text (with the fallback when unsure). */
export const askHandler: Handler = (ctx) => {
  const text = ctx.msg.text.trim()
  if (ctx.msg.action || !text) return null
  const result = getMatcher(ctx.knowledge).match(text)
  const decision: MatchDecision = { intent: result.intent, score: result.score }
  if (!result.intent) return { ...fallbackReply(ctx.knowledge, result.candidates), decision }
  ctx.session.lastIntent = result.intent
  ctx.session.depth = 0
  return { ...answerReply(ctx.knowledge, result.intent, { depth: 0 }), decision }
}
