// The Stats page's numbers. The totals come from computeStats, the function behind /统计 and `cli stats`; the
// chart's daily bars read what it reads (all chats: the daily counters; one chat: that chat's log, by local day),
// so the bars add up to the totals.
import type { Platform } from '../bot/message'
import { computeStats, listQuestions, LOG_LIMITS, type QuestionStats, type QuestionView } from '../insights'
import { lastLocalDays, localDay } from '../insights/days'
import { dayStatsKey, readVotes } from '../store/keys'
import type { Store } from '../store/store'

export interface DayCount {
  date: string
  questions: number
  answered: number
}

type Votes = { up: number; down: number }

export interface ConsoleStats {
  stats: QuestionStats
  perDay: DayCount[]
  /** 👍/👎 each top topic got in the window: all chats from the answer cards' daily counters, one chat from its log. */
  topicVotes: Record<string, Votes>
}

export interface StatsScope {
  days: number
  timeZone: string
  now: number
  /** One chat, as /统计's 本群 part; absent: every chat, as `cli stats` and /统计's 全部群. */
  chat?: { platform: Platform; chatId: string }
}

function add(into: Record<string, Votes>, intent: string, v: Votes) {
  const t = (into[intent] ??= { up: 0, down: 0 })
  t.up += v.up
  t.down += v.down
}

async function allChats(store: Store, dates: string[]): Promise<{ perDay: DayCount[]; votes: Record<string, Votes> }> {
  const [hashes, daily] = await Promise.all([
    Promise.all(dates.map((d) => store.hgetall(dayStatsKey(d)))),
    Promise.all(dates.map((d) => readVotes(store, d))),
  ])
  const votes: Record<string, Votes> = {}
  for (const day of daily) for (const [intent, v] of Object.entries(day)) add(votes, intent, v)
  const perDay = dates.map((date, i) => {
    const h = hashes[i]!
    const answered = Number(h.a ?? 0)
    return { date, answered, questions: answered + Number(h.f ?? 0) }
  })
  return { perDay, votes }
}

async function oneChat(store: Store, dates: string[], s: StatsScope & { chat: NonNullable<StatsScope['chat']> }) {
  const entries: QuestionView[] = await listQuestions(store, { ...s.chat, limit: LOG_LIMITS.perChat, now: s.now })
  const counts = new Map(dates.map((date) => [date, { date, questions: 0, answered: 0 }]))
  const votes: Record<string, Votes> = {}
  for (const e of entries) {
    const day = counts.get(localDay(e.at, s.timeZone))
    if (!day) continue
    day.questions++
    if (e.intent === null) continue
    day.answered++
    if (e.votes) add(votes, e.intent, e.votes)
  }
  return { perDay: [...counts.values()], votes }
}

export async function consoleStats(store: Store, s: StatsScope): Promise<ConsoleStats> {
  const dates = lastLocalDays(s.now, s.days, s.timeZone)
  const [stats, read] = await Promise.all([
    computeStats(store, { days: s.days, timeZone: s.timeZone, now: s.now, ...(s.chat ?? {}) }),
    s.chat ? oneChat(store, dates, { ...s, chat: s.chat }) : allChats(store, dates),
  ])
  const topicVotes = Object.fromEntries(stats.topTopics.map((t) => [t.intent, read.votes[t.intent] ?? { up: 0, down: 0 }]))
  return { stats, perDay: read.perDay, topicVotes }
}
