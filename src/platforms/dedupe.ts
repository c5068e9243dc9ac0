import { DEDUPE_TTL_SECONDS } from '../store/keys'
import { FailoverStore, storeIsShared } from '../store/failover'
import type { Store } from '../store/store'

export { cardDedupeKey, dedupeKey, DEDUPE_TTL_SECONDS } from '../store/keys'

/** A signed timestamp this far ahead of our clock is forged or from a broken clock. */
export const MAX_FUTURE_SKEW_SECONDS = 5 * 60

/**
 * The message ids this process (Workers: this isolate) has claimed lately. A claim Redis holds cannot be seen
 * while Redis is down, so without this a redelivery during an outage of a message first seen before it would be
 * answered again; with it, that is caught as long as the redelivery reaches the same process.
 */
export class RecentClaims {
  private readonly claimed = new Map<string, number>()

  constructor(
    private readonly max = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const until = this.claimed.get(key)
    if (until === undefined) return false
    if (until > this.now()) return true
    this.claimed.delete(key)
    return false
  }

  add(key: string): void {
    this.claimed.set(key, this.now() + DEDUPE_TTL_SECONDS * 1000)
    // Oldest first: a Map iterates in insertion order.
    for (const oldest of this.claimed.keys()) {
      if (this.claimed.size <= this.max) break
      this.claimed.delete(oldest)
    }
  }
}

/**
 * True for the first delivery of a message (or card callback); false for every redelivery within the
 * de-duplication window. `key` is dedupeKey or cardDedupeKey from src/store/keys.
 */
export async function claimOnce(store: Store, recent: RecentClaims | undefined, key: string): Promise<boolean> {
  if (recent?.has(key)) return false
  const first = await store.claim(key, DEDUPE_TTL_SECONDS)
  if (first) recent?.add(key)
  return first
}

/**
 * False while the store serves from memory (Redis down): a claim made now is this process's alone, and another
 * instance would not see it. False too for a few seconds after Redis returns, while another instance may still be
 * on its memory and claim the same message there.
 */
export function claimsAreShared(store: Store): boolean {
  return storeIsShared(store) && !(store instanceof FailoverStore && store.settling)
}

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
