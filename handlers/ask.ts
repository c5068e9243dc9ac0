// Catch-all question handler: a taught phrasing first, then the matcher; answer only what the article covers,
// otherwise say honestly what it does not cover. Every question that reaches it is logged (src/insights) unless
// QUESTION_LOG_DAYS is 0.
import type { Handler, Session } from '../src/bot/handler'
import type { Reply } from '../src/bot/reply'
import type { Knowledge } from '../src/knowledge/knowledge'
import type { MatchResult } from '../src/matcher/matcher'
import { recordQuestion, type Decision as LoggedDecision, type RandomValues } from '../src/insights'
import { decideQuestion, TaughtOverlay } from '../src/teach'
import { answerReply, closeRunnerUp, fallbackReply, helpReply, nearMissReply, otherPlatformReply } from './replies'
import { smallTalkReply } from './small-talk'

export { answerReply, fallbackReply, helpReply, nearMissReply, otherPlatformReply } from './replies'

/**
 * The reply for a match result, carrying the matcher's decision. Answers start a new topic in the session.
 * `questionId`: the logged question, carried in the answer's feedback buttons.
 */
export function replyForMatch(knowledge: Knowledge, result: MatchResult, session: Session, questionId?: string): Reply {
  const d = result.decision
  let reply: Reply
  switch (d.kind) {
    case 'answered':
      session.lastIntent = result.intent ?? undefined
      session.depth = 0
      reply = answerReply(knowledge, result.intent as string, {
        depth: 0,
        ...(questionId ? { questionId } : {}),
        alsoAsked: closeRunnerUp(knowledge, result.candidates),
      })
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

export interface AskOptions {
  /** This instance's taught overlay (shared with the teaching commands, so a teach shows at once). */
  overlay?: TaughtOverlay
  /** QUESTION_LOG_DAYS; 0 (the default here) logs nothing. */
  questionLogDays?: number
  /** for the question log's ids and salt; crypto.getRandomValues unless given (see LogSettings) */
  randomValues?: RandomValues
}

function logged(result: MatchResult): LoggedDecision {
  return { intent: result.intent, score: result.score, reason: result.reason, candidates: result.candidates.map((c) => c.intent) }
}

/** Put it last: it answers every non-empty text (with an honest fallback when the article does not cover it). */
export function createAskHandler(opts: AskOptions = {}): Handler {
  const overlay = opts.overlay ?? new TaughtOverlay()
  const days = opts.questionLogDays ?? 0
  return async (ctx) => {
    const text = ctx.msg.text.trim()
    if (ctx.msg.action || !text) return null
    // The store may be down: then the bundled knowledge alone answers, and the question goes unlogged.
    const taught = await overlay.sync(ctx.store, ctx.knowledge).catch(() => null)
    const result = decideQuestion(ctx.knowledge, taught, text)
    const settings = { days, timeZone: ctx.timeZone, randomValues: opts.randomValues }
    const questionId = await recordQuestion(ctx.store, ctx.msg, text, logged(result), settings, ctx.now.getTime()).catch(() => null)
    return replyForMatch(ctx.knowledge, result, ctx.session, questionId ?? undefined)
  }
}

/** The ask path without a question log (tests, tools); the app wires createAskHandler with its config. */
export const askHandler: Handler = createAskHandler()
