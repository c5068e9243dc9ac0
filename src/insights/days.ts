// Day arithmetic for the log and the tips: UTC days name vote hashes, local days (TZ_NAME) bound the statistics
// and pick the day's tip.
const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Minutes east of UTC of zones without daylight saving and with the same offset since long before 2024 (IANA tz
 * database: Shanghai since 1991, Hong Kong and Taipei since 1979, Singapore since 1982, Tokyo since 1951). Their date
 * needs no ICU time-zone data, whose first use costs a fresh isolate 15-25 ms of CPU; the default TZ_NAME is one.
 */
const FIXED_OFFSET_MINUTES: ReadonlyMap<string, number> = new Map([
  ['Asia/Shanghai', 480],
  ['Asia/Hong_Kong', 480],
  ['Asia/Taipei', 480],
  ['Asia/Singapore', 480],
  ['Asia/Tokyo', 540],
  ['UTC', 0],
  ['Etc/UTC', 0],
])

/** An IANA time zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (FIXED_OFFSET_MINUTES.has(timeZone)) return true
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone })
    return true
  } catch {
    return false
  }
}

/** YYYY-MM-DD of `ms` in the time zone (formatter cached: building one costs far more than using it). */
export function localDay(ms: number, timeZone: string): string {
  const offset = FIXED_OFFSET_MINUTES.get(timeZone)
  if (offset !== undefined) return utcDay(ms + offset * 60_000)
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f.format(ms)
}

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The `days` local dates ending today, oldest first. */
export function lastLocalDays(now: number, days: number, timeZone: string): string[] {
  const out: string[] = []
  const today = localDay(now, timeZone)
  // Step back from noon UTC of today's date: 24 h steps never skip or repeat a calendar date that way.
  const noon = Date.parse(`${today}T12:00:00Z`)
  for (let d = days - 1; d >= 0; d--) out.push(new Date(noon - d * 86_400_000).toISOString().slice(0, 10))
  return out
}
