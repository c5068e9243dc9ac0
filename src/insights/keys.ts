// Every key the question log writes (under REDIS_PREFIX), how long it lives and why. All of it is bounded:
// at most MAX_CHATS chat logs of at most PER_CHAT entries, plus one unanswered list and one stats hash a day,
// and nothing outlives QUESTION_LOG_DAYS by more than a day.
// Keys live under REDIS_PREFIX like every other key (see src/store).
import type { Platform } from '../bot/message'

export const LOG_LIMITS = {
  /** Entries kept per chat (newest win). */
  perChat: 500,
  /** Chats whose log is kept; the chat silent the longest is dropped first. */
  maxChats: 200,
  /** Recent unanswered questions across all chats, for the overall "top unanswered". */
  unanswered: 500,
} as const

export type LogLimits = { perChat: number; maxChats: number; unanswered: number }

export const DAY_SECONDS = 24 * 3600

/** Random salt for the askers' hashes; kept without TTL so one person counts once across the window. */
export const SALT_KEY = 'qlog:salt'
/** Sorted set: `<platform>:<chatId>` scored by its last question time; caps the number of chats. */
export const CHATS_KEY = 'qlog:chats'
/** Sorted set of entry JSON, unanswered questions of every chat. */
export const UNANSWERED_KEY = 'qlog:unanswered'

export const chatRef = (platform: Platform, chatId: string) => `${platform}:${chatId}`

export function parseChatRef(ref: string): { platform: Platform; chatId: string } | null {
  const sep = ref.indexOf(':')
  const platform = ref.slice(0, sep)
  if (platform !== 'feishu' && platform !== 'wecom') return null
  return { platform, chatId: ref.slice(sep + 1) }
}

/** Sorted set of one chat's entries (JSON), scored by time; expires QUESTION_LOG_DAYS after its last question. */
export const chatLogKey = (ref: string) => `qlog:chat:${ref}`
/** Hash `<questionId>:up|down` → count for one chat's logged questions; fields of questions past the window are pruned. */
export const votesKey = (ref: string) => `qlog:votes:${ref}`
/** Hash of counters for one local day: q, a (answered), f (fallback), up, down, i:<intent>. */
export const dayStatsKey = (localDay: string) => `qstats:${localDay}`
