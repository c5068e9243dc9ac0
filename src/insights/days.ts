// Day arithmetic for the log: UTC days name vote hashes, local days (TZ_NAME) bound the statistics.
const formatters = new Map<string, Intl.DateTimeFormat>()

/** YYYY-MM-DD of `ms` in the time zone (formatter cached: building one costs far more than using it). */
export function localDay(ms: number, timeZone: string): string {
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
