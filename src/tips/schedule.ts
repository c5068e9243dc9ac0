import { localDay } from '../insights/days'
import type { Tip } from '../knowledge/knowledge'

/**
 * Which tip a chat gets on a local date — a pure function of (tips, date, chatId), so the Workers cron, the Node
 * scheduler, every instance and `cli tip` agree without sharing state.
 *
 * Algorithm
 * - Days are counted in cycles from an epoch (2024-01-01; per chat the epoch is moved back by hash(chatId) mod 366
 *   days so groups do not all read the same tip on the same morning; no chat id → no shift).
 * - A cycle starting on day S contains every tip *active* on S (no `since`, or `since` ≤ S), ordered by a stable
 *   32-bit FNV-1a hash of its id (ties by id). It lasts as many days as it has tips and shows each once, in order.
 *   The next cycle starts the day after and re-reads the active set, so a tip added with a `since` date joins at the
 *   first cycle boundary on or after that date — never in the middle of a cycle.
 *
 * Guarantees (given: ids never change, tips are never deleted, a new tip carries `since` later than the day it is
 * deployed)
 * 1. Every active tip is shown once before any tip is shown again (a cycle is a permutation of the active set).
 * 2. No repeat inside any window of N consecutive days, N = size of the cycle the first showing belongs to: a tip at
 *    position i of a cycle of length L sits at position ≥ i in the next cycle (new tips only insert into the hash
 *    order), so its next showing is ≥ L days later.
 * 3. Adding tips never changes a day that is already past or in the running cycle, hence no sudden repeat.
 * Why `since` is needed: with only the current list, any rule that picks by day index mod N must re-phase when N
 * grows (the cycles since the epoch get longer), and for some deploy days that re-shows a tip from the last few days.
 * A tip without `since` belongs to the launch set; `test/tips/tips-file.test.ts` pins that set so a forgotten `since`
 * fails CI.
 */
const EPOCH = '2024-01-01'
const CHAT_SHIFT_DAYS = 366
const DAY_MS = 86_400_000

export type LocalDate = string

/** 'YYYY-MM-DD' of `now` on the wall clock of `timeZone` (IANA name, e.g. 'Asia/Shanghai'). */
export function localDate(now: Date, timeZone: string): LocalDate {
  return localDay(now.getTime(), timeZone)
}

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value)
}

/** Whole days since 1970-01-01 for a 'YYYY-MM-DD' date (calendar arithmetic, no time zone involved). */
export function dayNumber(date: LocalDate): number {
  if (!isLocalDate(date)) throw new Error(`not a date (YYYY-MM-DD): ${date}`)
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)
}

/** FNV-1a over the UTF-16 code units: tiny, stable across runtimes, good enough to shuffle ids. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

interface Prepared {
  ordered: { tip: Tip; since: number }[]
  lastSince: number
}

const prepared = new WeakMap<readonly Tip[], Prepared>()

function prepare(tips: readonly Tip[]): Prepared {
  let p = prepared.get(tips)
  if (!p) {
    const ordered = tips
      .map((tip) => ({ tip, since: tip.since ? dayNumber(tip.since) : -Infinity, h: stableHash(tip.id) }))
      .sort((a, b) => a.h - b.h || (a.tip.id < b.tip.id ? -1 : a.tip.id > b.tip.id ? 1 : 0))
      .map(({ tip, since }) => ({ tip, since }))
    p = { ordered, lastSince: Math.max(-Infinity, ...ordered.map((o) => o.since)) }
    prepared.set(tips, p)
  }
  return p
}

function activeOn(p: Prepared, day: number): Tip[] {
  const active = p.ordered.filter((o) => o.since <= day).map((o) => o.tip)
  if (active.length > 0) return active
  // Every tip is scheduled for later: fall back to the earliest ones rather than show nothing.
  const first = Math.min(...p.ordered.map((o) => o.since))
  return p.ordered.filter((o) => o.since === first).map((o) => o.tip)
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n
}

/** The tip for `chatId` (or the community default) on local date `date`. Throws on an empty list or a bad date. */
export function tipForDate(tips: readonly Tip[], date: LocalDate, chatId?: string): Tip {
  if (tips.length === 0) throw new Error('no tips to choose from')
  const day = dayNumber(date)
  const p = prepare(tips)
  let start = dayNumber(EPOCH) - (chatId ? stableHash(`chat:${chatId}`) % CHAT_SHIFT_DAYS : 0)
  let cycle = activeOn(p, start)
  if (day < start) return cycle[mod(day - start, cycle.length)]!
  while (day >= start + cycle.length) {
    if (start >= p.lastSince) {
      // Every tip is active from here on: the remaining cycles are identical, so jump straight to the day.
      return cycle[mod(day - start, cycle.length)]!
    }
    start += cycle.length
    cycle = activeOn(p, start)
  }
  return cycle[day - start]!
}

/** The next calendar date, for walking schedules. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10)
}
