// Writing the question log: one entry per question on the ask path, and the 👍/👎 its answer gets.
import type { InboundMessage } from '../bot/message'
import {
  DAY_SECONDS, LOGGED_CHATS_KEY, QUESTION_LOG_LIMITS, UNANSWERED_LOG_KEY,
  chatLogKey, dayStatsKey, questionLogCountersTtl, questionVotesKey,
} from '../store/keys'
import type { Store } from '../store/store'
import { localDay, utcDay } from './days'
import { askerHash, clipText, encodeEntry, loadSalt, newQuestionId, type Decision, type LoggedQuestion, type RandomValues } from './entry'
import { chatRef, type LogLimits } from './keys'
import { findQuestion } from './read'

export interface LogSettings {
  /** QUESTION_LOG_DAYS; 0 turns the log off. */
  days: number
  timeZone: string
  limits?: LogLimits
  /** crypto.getRandomValues unless given (the start-up warm-up, where workerd refuses random values, gives its own) */
  randomValues?: RandomValues
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
  const limits = settings.limits ?? QUESTION_LOG_LIMITS
  const ttlSeconds = settings.days * DAY_SECONDS
  const minScore = now - ttlSeconds * 1000
  const ref = chatRef(msg.platform, msg.chatId)
  const entry: LoggedQuestion = {
    id: newQuestionId(now, settings.randomValues),
    at: now,
    platform: msg.platform,
    chatId: msg.chatId,
    chatType: msg.chatType,
    asker: await askerHash(await loadSalt(store, settings.randomValues), msg.platform, msg.senderId),
    text: clipText(text),
    intent: decision.intent,
    score: decision.score,
    ...(decision.reason ? { reason: decision.reason } : {}),
    candidates: decision.candidates.slice(0, 3),
  }
  const json = encodeEntry(entry)
  const day = dayStatsKey(localDay(now, settings.timeZone))
  const countersTtl = questionLogCountersTtl(settings.days)
  const writes: Promise<unknown>[] = [
    store.zaddBounded(chatLogKey(ref), json, now, { keep: limits.perChat, minScore, ttlSeconds }),
    store.zaddBounded(LOGGED_CHATS_KEY, ref, now, { keep: limits.maxChats, minScore, ttlSeconds }).then((dropped) => forgetChats(store, dropped, settings.days, now)),
    store.hincr(day, entry.intent ? 'a' : 'f', countersTtl),
  ]
  if (entry.intent) writes.push(store.hincr(day, `i:${entry.intent}`, countersTtl))
  else writes.push(store.zaddBounded(UNANSWERED_LOG_KEY, json, now, { keep: limits.unanswered, minScore, ttlSeconds }))
  await Promise.all(writes)
  return entry.id
}

/** Deletes the log and the vote hashes (one per UTC date in the window) of chats pushed out of the chat index. */
async function forgetChats(store: Store, refs: string[], days: number, now: number): Promise<void> {
  if (refs.length === 0) return
  const dates = Array.from({ length: days + 2 }, (_, d) => utcDay(now - d * DAY_SECONDS * 1000))
  await Promise.all(refs.flatMap((ref) => [store.del(chatLogKey(ref)), ...dates.map((date) => store.del(questionVotesKey(ref, date)))]))
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
): Promise<boolean> {
  if (settings.days <= 0) return false
  const entry = await findQuestion(store, msg.platform, msg.chatId, questionId)
  if (!entry || entry.intent !== intent) return false
  const ttl = questionLogCountersTtl(settings.days)
  await Promise.all([
    store.hincr(questionVotesKey(chatRef(msg.platform, msg.chatId), utcDay(entry.at)), `${entry.id}:${vote}`, ttl),
    store.hincr(dayStatsKey(localDay(entry.at, settings.timeZone)), vote, ttl),
  ])
  return true
}
