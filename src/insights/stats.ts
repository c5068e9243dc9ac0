// The last N days at a glance: per chat from its log, overall from the daily counters.
import type { Platform } from '../bot/message'
import { normalizeText } from '../matcher/normalize'
import type { Store } from '../store/store'
import { lastLocalDays, localDay } from './days'
import { decodeEntry, type LoggedQuestion } from './entry'
import { QUESTION_LOG_LIMITS, UNANSWERED_LOG_KEY, chatLogKey, dayStatsKey } from '../store/keys'
import { chatRef } from './keys'
import { withVotes } from './read'

export interface StatsQuery {
  platform?: Platform
  /** One chat (needs platform); absent: every chat. */
  chatId?: string
  days: number
  timeZone: string
  now?: number
  /** How many top topics / unanswered questions to list. */
  top?: number
}

export interface QuestionStats {
  scope: 'chat' | 'all'
  days: number
  /** first and last local date counted (TZ_NAME) */
  from: string
  to: string
  questions: number
  answered: number
  /** intent null: fallbacks, near-misses, small talk */
  unanswered: number
  /** answered / questions, 0 when there were none */
  answeredShare: number
  up: number
  down: number
  /** distinct askers (per chat only; the overall counters do not keep people) */
  askers?: number
  topTopics: { intent: string; count: number }[]
  topUnanswered: { text: string; count: number }[]
  /** true when the chat's log was full, so older questions in the window were already dropped */
  partial?: boolean
}

function topOf<K>(counts: Map<K, number>, n: number): [K, number][] {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n)
}

/** Same question typed differently ("新号？" / "新号") counts once; the newest wording is shown. */
function topUnanswered(entries: LoggedQuestion[], n: number): { text: string; count: number }[] {
  const groups = new Map<string, { text: string; count: number }>()
  for (const e of entries) {
    if (e.intent !== null) continue
    const key = normalizeText(e.text) || e.text
    const g = groups.get(key)
    if (g) g.count++
    else groups.set(key, { text: e.text, count: 1 })
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, n)
}

export async function computeStats(store: Store, q: StatsQuery): Promise<QuestionStats> {
  const now = q.now ?? Date.now()
  const window = lastLocalDays(now, q.days, q.timeZone)
  const from = window[0]!
  const to = window[window.length - 1]!
  const inWindow = (e: LoggedQuestion) => localDay(e.at, q.timeZone) >= from
  const top = q.top ?? 5
  if (q.chatId !== undefined && q.platform) {
    const members = await store.zrevrange(chatLogKey(chatRef(q.platform, q.chatId)), 0, -1)
    const all = members.map(decodeEntry).filter((e): e is LoggedQuestion => e !== null)
    const entries = await withVotes(store, all.filter(inWindow))
    const answered = entries.filter((e) => e.intent !== null).length
    const topics = new Map<string, number>()
    for (const e of entries) if (e.intent) topics.set(e.intent, (topics.get(e.intent) ?? 0) + 1)
    return {
      scope: 'chat', days: q.days, from, to,
      questions: entries.length,
      answered,
      unanswered: entries.length - answered,
      answeredShare: entries.length ? answered / entries.length : 0,
      up: entries.reduce((n, e) => n + (e.votes?.up ?? 0), 0),
      down: entries.reduce((n, e) => n + (e.votes?.down ?? 0), 0),
      askers: new Set(entries.map((e) => e.asker)).size,
      topTopics: topOf(topics, top).map(([intent, count]) => ({ intent, count })),
      topUnanswered: topUnanswered(entries, top),
      partial: all.length >= QUESTION_LOG_LIMITS.perChat && all.every(inWindow),
    }
  }
  const [hashes, unansweredMembers] = await Promise.all([
    Promise.all(window.map((d) => store.hgetall(dayStatsKey(d)))),
    store.zrevrange(UNANSWERED_LOG_KEY, 0, -1),
  ])
  const sum = (field: string) => hashes.reduce((n, h) => n + Number(h[field] ?? 0), 0)
  const topics = new Map<string, number>()
  for (const h of hashes) {
    for (const [field, v] of Object.entries(h)) if (field.startsWith('i:')) topics.set(field.slice(2), (topics.get(field.slice(2)) ?? 0) + Number(v))
  }
  const answered = sum('a')
  const questions = answered + sum('f')
  const unanswered = unansweredMembers.map(decodeEntry).filter((e): e is LoggedQuestion => e !== null).filter(inWindow)
  return {
    scope: 'all', days: q.days, from, to,
    questions,
    answered,
    unanswered: questions - answered,
    answeredShare: questions ? answered / questions : 0,
    up: sum('up'),
    down: sum('down'),
    topTopics: topOf(topics, top).map(([intent, count]) => ({ intent, count })),
    topUnanswered: topUnanswered(unanswered, top),
  }
}
