import { DEDUPE_TTL_SECONDS } from '../store/keys'

export { claimCardAction, claimMessage, DEDUPE_TTL_SECONDS } from '../store/keys'

/** A signed timestamp this far ahead of our clock is forged or from a broken clock. */
export const MAX_FUTURE_SKEW_SECONDS = 5 * 60

/**
 * Why a signed request's timestamp (Unix seconds) is not acceptable, or null when it is. A request older than the
 * de-duplication window could be replayed after its claim expired, so it is refused; fresher replays are caught
 * by the claim itself.
 */
export function timestampProblem(timestamp: string, nowMs: number): string | null {
  if (!/^\d{1,12}$/.test(timestamp)) return 'timestamp is not a number of seconds'
  const age = Math.floor(nowMs / 1000) - Number(timestamp)
  if (age > DEDUPE_TTL_SECONDS) return `timestamp is ${Math.round(age / 3600)} h old (older than the ${DEDUPE_TTL_SECONDS / 3600} h de-duplication window)`
  if (-age > MAX_FUTURE_SKEW_SECONDS) return `timestamp is ${Math.round(-age / 60)} min in the future`
  return null
}
