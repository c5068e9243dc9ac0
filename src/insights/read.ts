// Reading the question log: one chat's entries, or every chat's, newest first, with the votes joined.
import type { Platform } from '../bot/message'
import type { Store } from '../store/store'
import { QUESTION_ID } from '../bot/button-action'
import { decodeEntry, type LoggedQuestion } from './entry'
import { LOGGED_CHATS_KEY, UNANSWERED_LOG_KEY, chatLogKey, questionVotesKey } from '../store/keys'
import { utcDay } from './days'
import { chatRef, parseChatRef } from './keys'

export interface QuestionQuery {
  platform?: Platform
  /** One chat (with platform; without it, that chat id on either platform). */
  chatId?: string
  /** Only questions the bot did not answer (intent null). */
  unanswered?: boolean
  /** Only questions answered as this intent. */
  intent?: string
  /** Only the last N days (rolling). */
  days?: number
  /** Only answers that got a 👎. */
  downvoted?: boolean
  limit: number
  now?: number
}

function decodeAll(members: string[]): LoggedQuestion[] {
  return members.map(decodeEntry).filter((e): e is LoggedQuestion => e !== null)
}

/** A chat's logged question by id, or null (unknown id, other chat, or expired). */
export async function findQuestion(store: Store, platform: Platform, chatId: string, id: string): Promise<LoggedQuestion | null> {
  if (!QUESTION_ID.test(id)) return null
  const needle = `"id":"${id}"`
  const members = await store.zrevrange(chatLogKey(chatRef(platform, chatId)), 0, -1)
  const hit = members.find((m) => m.includes(needle))
  const entry = hit ? decodeEntry(hit) : null
  return entry?.id === id ? entry : null
}

const votesOf = (e: LoggedQuestion) => questionVotesKey(chatRef(e.platform, e.chatId), utcDay(e.at))

/** Joins each entry's 👍/👎 (one hash read per chat and UTC date among the entries). */
export async function withVotes(store: Store, entries: LoggedQuestion[]): Promise<LoggedQuestion[]> {
  const keys = [...new Set(entries.map(votesOf))]
  const hashes = new Map(await Promise.all(keys.map(async (k) => [k, await store.hgetall(k)] as const)))
  return entries.map((e) => {
    const h = hashes.get(votesOf(e)) ?? {}
    const up = Number(h[`${e.id}:up`] ?? 0)
    const down = Number(h[`${e.id}:down`] ?? 0)
    return up || down ? { ...e, votes: { up, down } } : e
  })
}

/** Every chat in the index, most recently active first. */
export async function loggedChats(store: Store): Promise<{ platform: Platform; chatId: string }[]> {
  return (await store.zrevrange(LOGGED_CHATS_KEY, 0, -1)).map(parseChatRef).filter((c): c is { platform: Platform; chatId: string } => c !== null)
}

async function chatsFor(store: Store, q: QuestionQuery): Promise<{ platform: Platform; chatId: string }[]> {
  if (q.chatId === undefined) return loggedChats(store)
  const platforms: Platform[] = q.platform ? [q.platform] : ['feishu', 'wecom']
  return platforms.map((platform) => ({ platform, chatId: q.chatId! }))
}

/** A logged question as shown to operators: without the asker's hash (people are counted, never shown). */
export type QuestionView = Omit<LoggedQuestion, 'asker'>

const view = ({ asker: _asker, ...rest }: LoggedQuestion): QuestionView => rest

/** Logged questions, newest first, filtered as asked and joined with their votes. */
export async function listQuestions(store: Store, q: QuestionQuery): Promise<QuestionView[]> {
  const now = q.now ?? Date.now()
  const since = q.days ? now - q.days * 86_400_000 : -Infinity
  const keep = (e: LoggedQuestion) =>
    e.at >= since && (!q.unanswered || e.intent === null) && (q.intent === undefined || e.intent === q.intent)
  // Without a filter that needs the whole log, each chat's newest `limit` entries are enough.
  const filtered = q.unanswered || q.intent !== undefined || q.downvoted
  let entries: LoggedQuestion[]
  if (q.chatId === undefined && q.unanswered && !q.downvoted && q.intent === undefined) {
    entries = decodeAll(await store.zrevrange(UNANSWERED_LOG_KEY, 0, -1))
  } else {
    const chats = await chatsFor(store, q)
    const lists = await Promise.all(chats.map((c) => store.zrevrange(chatLogKey(chatRef(c.platform, c.chatId)), 0, filtered ? -1 : q.limit - 1)))
    entries = decodeAll(lists.flat())
  }
  entries = entries.filter(keep).sort((a, b) => b.at - a.at)
  if (!q.downvoted) return (await withVotes(store, entries.slice(0, q.limit))).map(view)
  return (await withVotes(store, entries)).filter((e) => (e.votes?.down ?? 0) > 0).slice(0, q.limit).map(view)
}
