/**
 * Every key the bot writes, in one place: its name, how long it lives, and why.
 *
 * Callers never spell a key: they use the helpers below, so each key gets the same name and lifetime
 * wherever it is written. REDIS_PREFIX is not added here: the Redis client applies it to every command
 * (ioredis keyPrefix), and the in-memory store needs none.
 *
 * Every key expires, except `sub:all`, whose size is bounded by the number of subscribed chats,
 * `taught:phrasings`, bounded by MAX_TAUGHT (knowledge until `cli knowledge pull` moves it into the file), and
 * `outbox`, whose fields leave within an hour and number at most OUTBOX_MAX_ENTRIES.
 * A new key belongs in this file, with its TTL (or bound) and a one-line why.
 */
import type { Store } from './store'

/** Who sent a message: the parts of an inbound message that key per-user state. */
export interface Sender {
  platform: string
  chatId: string
  senderId: string
}

/** `dedupe:<platform>:<message id>`, 8 h: Feishu retries an unacknowledged event for ~7.1 h (15 s, 5 min, 1 h, 6 h); WeCom retries too. */
export const DEDUPE_TTL_SECONDS = 8 * 3600
export const dedupeKey = (platform: string, messageId: string) => `dedupe:${platform}:${messageId}`
/** `dedupe:<platform>:card:<event id>`, 8 h: a card callback is retried like an event. */
export const cardDedupeKey = (platform: string, eventId: string) => `dedupe:${platform}:card:${eventId}`

/** `session:<platform>:<chat>:<user>`, 30 min: what "展开说说" follows up on; a stale topic is worse than none. */
export const SESSION_TTL_SECONDS = 30 * 60
export const sessionKey = (who: Sender) => `session:${who.platform}:${who.chatId}:${who.senderId}`

/** `rate:<platform>:<chat>:<user>:<minute>`, 120 s: a one-minute window needs nothing older than the minute before. */
export const RATE_TTL_SECONDS = 120
export const rateKey = (who: Sender, minute: number) => `rate:${who.platform}:${who.chatId}:${who.senderId}:${minute}`

/** `vote:<date>:<platform>:<intent>:<user>`, 48 h: one 👍/👎 per person, topic and local date; 48 h outlives the date in every zone. */
export const VOTE_TTL_SECONDS = 48 * 3600
export const voteKey = (date: string, platform: string, intent: string, senderId: string) =>
  `vote:${date}:${platform}:${intent}:${senderId}`

/** `feedback:<date>` hash, fields `<intent>:up` / `<intent>:down`, 90 days: enough for any stats window, bounded by the topics. */
export const FEEDBACK_TTL_SECONDS = 90 * 24 * 3600
export const feedbackKey = (date: string) => `feedback:${date}`
export const feedbackField = (intent: string, vote: 'up' | 'down') => `${intent}:${vote}`

/** `sub:all` hash, field `<platform>:<chat>`: no TTL (a subscription lasts until /退订, bot removal or a 'gone' push); one field per subscribed chat. */
export const SUBSCRIPTIONS_KEY = 'sub:all'

/** `tip:<platform>:<chat>:<date>`: 10 min while the send is in flight (a crashed run does not cost the day), 48 h once sent (outlives the date in every zone). */
export const TIP_IN_FLIGHT_TTL_SECONDS = 10 * 60
export const TIP_SENT_TTL_SECONDS = 48 * 3600
export const tipClaimKey = (platform: string, chatId: string, date: string) => `tip:${platform}:${chatId}:${date}`

/** `health`, 60 s: /healthz writes it so "up" means Redis takes writes, not only that it answers PING. */
export const HEALTH_KEY = 'health'
export const HEALTH_TTL_SECONDS = 60

// ---- the question log (src/insights) and the taught phrasings (src/teach) ----
// Those modules read and write these keys themselves (sorted-set logs, stats hashes); the names and lifetimes live here.
// `<chat>` below is `<platform>:<chat id>`; `<days>` is QUESTION_LOG_DAYS.

export const DAY_SECONDS = 24 * 3600
/** How much the question log keeps. At most maxChats × perChat entries, ~100,000. */
export const QUESTION_LOG_LIMITS = {
  /** entries kept per chat (the newest) */
  perChat: 500,
  /** chats whose log is kept (the one silent the longest is dropped first) */
  maxChats: 200,
  /** recent unanswered questions of all chats, for the overall "top unanswered" */
  unanswered: 500,
}

/** `qlog:salt`, 365 days: random salt of the askers' hashes (people are counted, never stored); rotates yearly. */
export const ASKER_SALT_KEY = 'qlog:salt'
export const ASKER_SALT_TTL_SECONDS = 365 * DAY_SECONDS
/** `qlog:chats` sorted set, `<chat>` scored by its last question, <days> after the last question; at most maxChats members. */
export const LOGGED_CHATS_KEY = 'qlog:chats'
/** `qlog:chat:<chat>` sorted set of entries (JSON) scored by time, <days> after the chat's last question; at most perChat, none older than <days>. */
export const chatLogKey = (chat: string) => `qlog:chat:${chat}`
/** `qlog:unanswered` sorted set of unanswered entries of every chat, <days>; at most `unanswered`, none older than <days>. */
export const UNANSWERED_LOG_KEY = 'qlog:unanswered'
/** `qlog:votes:<chat>:<UTC date asked>` hash `<question id>:up|down`, <days> + 1 day from its first vote (outlives the questions it counts). */
export const questionVotesKey = (chat: string, utcDate: string) => `qlog:votes:${chat}:${utcDate}`
/** `qstats:<date>` hash: a (answered), f (fallback), up, down, i:<topic> counts of one local date, <days> + 1 day; bounded by the topics. */
export const dayStatsKey = (date: string) => `qstats:${date}`
/** TTL of the log's counters and votes: a day beyond the window, so the window's last day is still whole. */
export const questionLogCountersTtl = (days: number) => (days + 1) * DAY_SECONDS

/** `taught:phrasings` hash, canonical text → JSON phrasing: no TTL (it is knowledge); at most MAX_TAUGHT fields. */
export const TAUGHT_KEY = 'taught:phrasings'
export const MAX_TAUGHT = 500
/** `taught:version`, 365 days: a fresh token after every change to the phrasings; instances reload when it differs. */
export const TAUGHT_VERSION_KEY = 'taught:version'
export const TAUGHT_VERSION_TTL_SECONDS = 365 * DAY_SECONDS
/**
 * `taught:snapshot`, 365 days (as the version): every taught phrasing as one JSON value with the version it was
 * written for, so a fresh instance reads them in one GET; at most MAX_TAUGHT phrasings.
 */
export const TAUGHT_SNAPSHOT_KEY = 'taught:snapshot'

// ---- the operator console (src/console) ----

/** `console:signin-fail:<address>:<window>`, 15 min: failed console sign-ins from one client address in one window. */
export const SIGN_IN_WINDOW_SECONDS = 15 * 60
export const signInFailKey = (address: string, window: number) => `console:signin-fail:${address}:${window}`

// ---- the reply outbox (src/platforms/outbox.ts) ----
// Replies owed but not yet delivered. That module reads and writes these keys itself; the names and lifetimes live here.

/**
 * `outbox` hash, field `<platform>:<message id>` → JSON entry: no TTL. A field leaves when its reply is sent or given
 * up, at the latest at the first drain after its window (55 min: a Feishu reply uuid and a WeCom response_url last
 * an hour) closes; a drain also gives up the oldest beyond OUTBOX_MAX_ENTRIES.
 */
export const OUTBOX_KEY = 'outbox'
export const OUTBOX_MAX_ENTRIES = 5000
/** `outbox:lease:<id>`, the retry budget plus two call timeouts: while one process works on an entry, others skip it. */
export const outboxLeaseKey = (id: string) => `outbox:lease:${id}`
/** `outbox:done:<id>`, until the entry's window closes: a drain sent or gave up this entry, so another process's copy of it is dropped. */
export const outboxDoneKey = (id: string) => `outbox:done:${id}`
/** `delivery:<UTC date>` hash, fields queued / sent-late / given-up: one day's counts, 90 days. */
export const DELIVERY_COUNTS_TTL_SECONDS = 90 * DAY_SECONDS
export const deliveryCountsKey = (utcDate: string) => `delivery:${utcDate}`

// ---- helpers: the only way the rest of the code touches these keys ----

export function readSession(store: Store, who: Sender): Promise<string | null> {
  return store.get(sessionKey(who))
}

export function writeSession(store: Store, who: Sender, session: string): Promise<void> {
  return store.set(sessionKey(who), session, SESSION_TTL_SECONDS)
}

/** Counts one message in the sender's current minute; returns the count so far. */
export function countMessage(store: Store, who: Sender, now: Date): Promise<number> {
  return store.incr(rateKey(who, Math.floor(now.getTime() / 60_000)), RATE_TTL_SECONDS)
}

/** True the first time this person votes on this topic on this local date. */
export function claimVote(store: Store, date: string, who: Pick<Sender, 'platform' | 'senderId'>, intent: string): Promise<boolean> {
  return store.claim(voteKey(date, who.platform, intent, who.senderId), VOTE_TTL_SECONDS)
}

/** Adds one 👍 or 👎 to the topic's count for the local date. */
export async function countVote(store: Store, date: string, intent: string, vote: 'up' | 'down'): Promise<void> {
  await store.hincr(feedbackKey(date), feedbackField(intent, vote), FEEDBACK_TTL_SECONDS)
}

/** One local date's votes: `{ intent: { up, down } }`. */
export async function readVotes(store: Store, date: string): Promise<Record<string, { up: number; down: number }>> {
  const votes: Record<string, { up: number; down: number }> = {}
  for (const [field, count] of Object.entries(await store.hgetall(feedbackKey(date)))) {
    const cut = field.lastIndexOf(':')
    const vote = field.slice(cut + 1)
    if (cut <= 0 || (vote !== 'up' && vote !== 'down')) continue
    const tally = (votes[field.slice(0, cut)] ??= { up: 0, down: 0 })
    tally[vote] += Number(count) || 0
  }
  return votes
}

/** Claims a chat's tip for a local date while it is sent; false when another run has it or it was sent. */
export function claimTip(store: Store, platform: string, chatId: string, date: string): Promise<boolean> {
  return store.claim(tipClaimKey(platform, chatId, date), TIP_IN_FLIGHT_TTL_SECONDS)
}

/** Whether the chat's tip for the date is claimed or sent (dry runs look, never claim). */
export async function tipClaimed(store: Store, platform: string, chatId: string, date: string): Promise<boolean> {
  return (await store.get(tipClaimKey(platform, chatId, date))) !== null
}

export function markTipSent(store: Store, platform: string, chatId: string, date: string): Promise<void> {
  return store.set(tipClaimKey(platform, chatId, date), 'sent', TIP_SENT_TTL_SECONDS)
}

/** Gives the claim back after a failed send, so a retry may send. */
export function releaseTip(store: Store, platform: string, chatId: string, date: string): Promise<void> {
  return store.del(tipClaimKey(platform, chatId, date))
}

export function writeSubscription(store: Store, field: string, value: string): Promise<void> {
  return store.hset(SUBSCRIPTIONS_KEY, field, value)
}

export function removeSubscription(store: Store, field: string): Promise<void> {
  return store.hdel(SUBSCRIPTIONS_KEY, field)
}

export function readSubscriptions(store: Store): Promise<Record<string, string>> {
  return store.hgetall(SUBSCRIPTIONS_KEY)
}

/** Failed console sign-ins from `address` in the window that holds `now`. */
export async function failedSignIns(store: Store, address: string, now: Date): Promise<number> {
  return Number((await store.get(signInFailKey(address, Math.floor(now.getTime() / 1000 / SIGN_IN_WINDOW_SECONDS)))) ?? 0)
}

/** Counts one failed console sign-in from `address`; the count lapses with its window. */
export async function countFailedSignIn(store: Store, address: string, now: Date): Promise<void> {
  await store.incr(signInFailKey(address, Math.floor(now.getTime() / 1000 / SIGN_IN_WINDOW_SECONDS)), SIGN_IN_WINDOW_SECONDS)
}
