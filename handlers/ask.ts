// Catch-all question handler: match the text against the knowledge; answer only what the article covers,
// otherwise say honestly what it does not cover.
import type { Handler, Session } from '../src/bot/handler'
import type { Reply } from '../src/bot/reply'
import type { Knowledge } from '../src/knowledge/knowledge'
import { getMatcher, type MatchResult } from '../src/matcher/matcher'
import { answerReply, fallbackReply, helpReply, nearMissReply, otherPlatformReply } from './replies'
import { smallTalkReply } from './small-talk'

export { answerReply, fallbackReply, helpReply, nearMissReply, otherPlatformReply } from './replies'

/** The reply for a match result, carrying the matcher's decision. Answers start a new topic in the session. */
export function replyForMatch(knowledge: Knowledge, result: MatchResult, session: Session): Reply {
  const d = result.decision
  let reply: Reply
  switch (d.kind) {
    case 'answered':
      session.lastIntent = result.intent ?? undefined
      session.depth = 0
      reply = answerReply(knowledge, result.intent as string, { depth: 0 })
      break
    case 'help':
      reply = helpReply(knowledge)
      break
    case 'smalltalk':
      reply = smallTalkReply(knowledge, d.topic, session)
      break
    case 'other-platform':
      reply = otherPlatformReply(knowledge, d.platform)
      break
    case 'uncovered':
      reply = d.nearMiss ? nearMissReply(knowledge, d.phrase, result.candidates) : fallbackReply(knowledge, [])
      break
    case 'low-confidence':
      reply = fallbackReply(knowledge, result.candidates)
      break
  }
  return { ...reply, decision: { intent: result.intent, score: result.score, reason: result.reason } }
}

/** Put it last: it answers every non-empty text (with an honest fallback when the article does not cover it). */
export const askHandler: Handler = (ctx) => {
  const text = ctx.msg.text.trim()
  if (ctx.msg.action || !text) return null
  return replyForMatch(ctx.knowledge, getMatcher(ctx.knowledge).match(text), ctx.session)
}
