// The `ask --json` object: a reply, the decision behind it, and the Feishu card it becomes. `cli ask --json` prints
// it and the console's playground returns it, so both show the same thing for the same message.
import type { MatchDecision, Reply } from '../bot/reply'
import { renderFeishuCard } from './feishu/card'

export interface AskResult extends MatchDecision {
  /** The neutral reply, or null when the bot stays silent. */
  reply: Reply | null
  /** The same reply as a Feishu card JSON 2.0. */
  card: unknown
}

/**
 * The matcher's decision when the reply came from it; otherwise a rule answered (command, help, title check,
 * follow-up), which is certain by construction.
 */
function decisionOf(reply: Reply | null): MatchDecision {
  if (!reply) return { intent: null, score: 0, reason: 'no reply' }
  if (reply.decision) return reply.decision
  const answersIntent = reply.kind === 'answer' || reply.kind === 'help'
  return { intent: answersIntent ? (reply.intent ?? null) : null, score: 1, reason: `by rule (${reply.kind}), not by the matcher` }
}

export function askResult(reply: Reply | null): AskResult {
  const { intent, score, reason } = decisionOf(reply)
  if (!reply) return { intent, score, reason, reply: null, card: null }
  const { decision: _shownAbove, ...neutral } = reply
  return { intent, score, ...(reason === undefined ? {} : { reason }), reply: neutral, card: renderFeishuCard(neutral) }
}
