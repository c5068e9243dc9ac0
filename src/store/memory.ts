import { SortedSet } from './sorted-set'
import type { Store, ZBounds } from './store'

interface Entry { value: string | Map<string, string> | SortedSet; expiresAt: number | null }

export interface MemoryStoreOptions {
  now?: () => number
  /** Most keys held; past it the soonest-expiring keys go first (keys without a TTL last). */
  maxKeys?: number
  /** Expired keys are swept on the first write after this much time, not only when read again. */
  sweepEveryMs?: number
}

/** ~20,000 short keys are a few MB: small next to a Worker isolate's 128 MB, large next to any real group's traffic. */
export const DEFAULT_MAX_KEYS = 20_000
const DEFAULT_SWEEP_EVERY_MS = 60_000
/** Eviction frees a tenth of the cap at once, so a flood pays for one sort per 2,000 new keys, not per key. */
const EVICT_TO_SHARE = 0.9

/**
 * Process-local store: one Node process, tests, and the fallback while Redis is down. State is lost on restart and
 * not shared. Bounded: expired keys are swept every sweepEveryMs, and past maxKeys the soonest-expiring are evicted.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const
  private readonly data = new Map<string, Entry>()
  private readonly now: () => number
  private readonly maxKeys: number
  private readonly sweepEveryMs: number
  private nextSweepAt: number

  constructor(opts: MemoryStoreOptions = {}) {
    this.now = opts.now ?? Date.now
    this.maxKeys = Math.max(1, opts.maxKeys ?? DEFAULT_MAX_KEYS)
    this.sweepEveryMs = opts.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS
    this.nextSweepAt = this.now() + this.sweepEveryMs
  }

  /** Keys held right now, expired ones not yet swept included. */
  get size(): number {
    return this.data.size
  }

  private live(key: string): Entry | undefined {
    const e = this.data.get(key)
    if (e && e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.data.delete(key)
      return undefined
    }
    return e
  }
  private expiry(ttlSeconds: number): number {
    return this.now() + ttlSeconds * 1000
  }

  /** Writes a key, then keeps the map swept and under its cap. */
  private put(key: string, entry: Entry): void {
    this.data.set(key, entry)
    const now = this.now()
    if (now >= this.nextSweepAt || this.data.size > this.maxKeys) this.sweep(now)
    if (this.data.size > this.maxKeys) this.evict()
  }

  private sweep(now: number): void {
    this.nextSweepAt = now + this.sweepEveryMs
    for (const [key, e] of this.data) if (e.expiresAt !== null && e.expiresAt <= now) this.data.delete(key)
  }

  /** Drops the soonest-expiring keys down to EVICT_TO_SHARE of the cap; they were closest to going anyway. */
  private evict(): void {
    const drop = this.data.size - Math.floor(this.maxKeys * EVICT_TO_SHARE)
    if (drop <= 0) return
    const expiries = new Float64Array(this.data.size)
    let i = 0
    for (const e of this.data.values()) expiries[i++] = e.expiresAt ?? Infinity
    expiries.sort()
    const cutoff = expiries[drop - 1]!
    let atCutoff = drop - expiries.indexOf(cutoff)
    for (const [key, e] of this.data) {
      const at = e.expiresAt ?? Infinity
      if (at < cutoff) this.data.delete(key)
      else if (at === cutoff && atCutoff > 0) {
        this.data.delete(key)
        atCutoff--
      }
    }
  }

  private hash(key: string, ttlSeconds?: number): Map<string, string> {
    const e = this.live(key)
    if (e?.value instanceof Map) return e.value
    const m = new Map<string, string>()
    this.put(key, { value: m, expiresAt: ttlSeconds === undefined ? null : this.expiry(ttlSeconds) })
    return m
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false
    this.put(key, { value: '1', expiresAt: this.expiry(ttlSeconds) })
    return true
  }
  async get(key: string): Promise<string | null> {
    const v = this.live(key)?.value
    return typeof v === 'string' ? v : null
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.put(key, { value, expiresAt: this.expiry(ttlSeconds) })
  }
  async del(key: string): Promise<void> {
    this.data.delete(key)
  }
  async incr(key: string, ttlSeconds: number): Promise<number> {
    const e = this.live(key)
    if (e && typeof e.value === 'string') {
      e.value = String(Number(e.value) + 1)
      return Number(e.value)
    }
    this.put(key, { value: '1', expiresAt: this.expiry(ttlSeconds) })
    return 1
  }
  async hincr(key: string, field: string, ttlSeconds: number): Promise<number> {
    const h = this.hash(key, ttlSeconds)
    const e = this.data.get(key)
    if (e && e.expiresAt === null) e.expiresAt = this.expiry(ttlSeconds)
    const n = Number(h.get(field) ?? 0) + 1
    h.set(field, String(n))
    return n
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    const v = this.live(key)?.value
    return v instanceof Map ? Object.fromEntries(v) : {}
  }
  async hset(key: string, field: string, value: string): Promise<void> {
    this.hash(key).set(field, value)
  }
  async hdel(key: string, field: string): Promise<void> {
    const v = this.live(key)?.value
    if (v instanceof Map) v.delete(field)
  }
  async zaddBounded(key: string, member: string, score: number, bounds: ZBounds): Promise<string[]> {
    const e = this.live(key)
    const z = e?.value instanceof SortedSet ? e.value : new SortedSet()
    z.add(member, score)
    z.dropBelow(bounds.minScore)
    const dropped = z.keepHighest(bounds.keep)
    if (e?.value === z) e.expiresAt = this.expiry(bounds.ttlSeconds)
    else this.put(key, { value: z, expiresAt: this.expiry(bounds.ttlSeconds) })
    return dropped
  }
  async zrevrange(key: string, start: number, stop: number): Promise<string[]> {
    const v = this.live(key)?.value
    return v instanceof SortedSet ? v.revRange(start, stop) : []
  }
  async health(): Promise<null> {
    return null
  }
  async close(): Promise<void> {}
}
