// Writing the question log: one entry per question on the ask path, and the 👍/👎 its answer gets.
import type { InboundMessage } from '../bot/message'
import type { Store } from '../store/store'
import { localDay } from './days'
import { askerHash, clipText, encodeEntry, loadSalt, newQuestionId, questionIdTime, type Decision, type LoggedQuestion } from './entry'
import { CHATS_KEY, DAY_SECONDS, LOG_LIMITS, UNANSWERED_KEY, chatLogKey, chatRef, dayStatsKey, votesKey, type LogLimits } from './keys'
import { findQuestion } from './read'

export interface LogSettings {
  /** QUESTION_LOG_DAYS; 0 turns the log off. */
  days: number
  timeZone: string
  limits?: LogLimits
}

/**
 * Logs a question and returns its id (to carry in the answer's feedback buttons), or null when the log is off.
 * The writes run side by side: on Redis they share one round trip's worth of waiting.
 */
export async function recordQuestion(
  store: Store,
  msg: Pick<InboundMessage, 'platform' | 'chatId' | 'chatType' | 'senderId'>,
  text: string,
  decision: Decision,
  settings: LogSettings,
  now: number,
): Promise<string | null> {
  if (settings.days <= 0) return null
  const limits = settings.limits ?? LOG_LIMITS
  const ttlSeconds = settings.days * DAY_SECONDS
  const minScore = now - ttlSeconds * 1000
  const ref = chatRef(msg.platform, msg.chatId)
  const entry: LoggedQuestion = {
    id: newQuestionId(now),
    at: now,
    platform: msg.platform,
    chatId: msg.chatId,
    chatType: msg.chatType,
    asker: await askerHash(await loadSalt(store), msg.platform, msg.senderId),
    text: clipText(text),
    intent: decision.intent,
    score: decision.score,
    ...(decision.reason ? { reason: decision.reason } : {}),
    candidates: decision.candidates.slice(0, 3),
  }
  const json = encodeEntry(entry)
  const day = dayStatsKey(localDay(now, settings.timeZone))
  const statsTtl = ttlSeconds + DAY_SECONDS
  const writes: Promise<unknown>[] = [
    store.zaddBounded(chatLogKey(ref), json, now, { keep: limits.perChat, minScore, ttlSeconds }),
    store.zaddBounded(CHATS_KEY, ref, now, { keep: limits.maxChats, minScore, ttlSeconds }).then((dropped) => forgetChats(store, dropped)),
    store.hincr(day, entry.intent ? 'a' : 'f').then(() => store.expire(day, statsTtl)),
  ]
  if (entry.intent) writes.push(store.hincr(day, `i:${entry.intent}`))
  else writes.push(store.zaddBounded(UNANSWERED_KEY, json, now, { keep: limits.unanswered, minScore, ttlSeconds }))
  await Promise.all(writes)
  return entry.id
}

/** Deletes the log and votes of chats pushed out of the chat index. */
async function forgetChats(store: Store, refs: string[]): Promise<void> {
  await Promise.all(refs.flatMap((ref) => [store.del(chatLogKey(ref)), store.del(votesKey(ref))]))
}

/**
 * Records a 👍/👎 against the logged question it answers. The id came back in a button value (untrusted): it counts
 * only when this chat logged that question and answered it with that intent. Returns whether it was counted.
 */
export async function recordVote(
  store: Store,
  msg: Pick<InboundMessage, 'platform' | 'chatId'>,
  questionId: string,
  intent: string,
  vote: 'up' | 'down',
  settings: LogSettings,
  now: number,
): Promise<boolean> {
  if (settings.days <= 0) return false
  const entry = await findQuestion(store, msg.platform, msg.chatId, questionId)
  if (!entry || entry.intent !== intent) return false
  const votes = votesKey(chatRef(msg.platform, msg.chatId))
  const day = dayStatsKey(localDay(entry.at, settings.timeZone))
  const ttl = (settings.days + 1) * DAY_SECONDS
  await Promise.all([
    store.hincr(votes, `${entry.id}:${vote}`).then(() => store.expire(votes, ttl)),
    store.hincr(day, vote).then(() => store.expire(day, ttl)),
  ])
  await pruneVotes(store, votes, now - settings.days * DAY_SECONDS * 1000)
  return true
}

/** Drops the votes of questions older than the window, so a chat that votes every day keeps a bounded hash. */
async function pruneVotes(store: Store, key: string, minTime: number): Promise<void> {
  const stale = Object.keys(await store.hgetall(key)).filter((field) => questionIdTime(field.slice(0, field.indexOf(':'))) < minTime)
  await Promise.all(stale.map((field) => store.hdel(key, field)))
}
