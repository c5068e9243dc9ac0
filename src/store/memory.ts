import type { Store } from './store'

interface Entry { value: string | Map<string, string> | Set<string>; expiresAt: number | null }

/** Process-local store: fine for one Node process or tests; state is lost on restart and not shared. */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const
  private readonly data = new Map<string, Entry>()
  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const e = this.data.get(key)
    if (e && e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.data.delete(key)
      return undefined
    }
    return e
  }
  private expiry(ttlSeconds?: number): number | null {
    return ttlSeconds ? this.now() + ttlSeconds * 1000 : null
  }
  private hash(key: string): Map<string, string> {
    const e = this.live(key)
    if (e?.value instanceof Map) return e.value
    const m = new Map<string, string>()
    this.data.set(key, { value: m, expiresAt: null })
    return m
  }
  private set_(key: string): Set<string> {
    const e = this.live(key)
    if (e?.value instanceof Set) return e.value
    const s = new Set<string>()
    this.data.set(key, { value: s, expiresAt: null })
    return s
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false
    this.data.set(key, { value: '1', expiresAt: this.expiry(ttlSeconds) })
    return true
  }
  async get(key: string): Promise<string | null> {
    const v = this.live(key)?.value
    return typeof v === 'string' ? v : null
  }
  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    this.data.set(key, { value, expiresAt: this.expiry(ttlSeconds) })
  }
  async del(key: string): Promise<void> {
    this.data.delete(key)
  }
  async incr(key: string, ttlSeconds?: number): Promise<number> {
    const e = this.live(key)
    const n = (e && typeof e.value === 'string' ? Number(e.value) : 0) + 1
    this.data.set(key, { value: String(n), expiresAt: e ? e.expiresAt : this.expiry(ttlSeconds) })
    return n
  }
  async hincr(key: string, field: string, by = 1, ttlSeconds?: number): Promise<number> {
    const h = this.hash(key)
    const e = this.data.get(key)!
    if (e.expiresAt === null && ttlSeconds) e.expiresAt = this.expiry(ttlSeconds)
    const n = Number(h.get(field) ?? 0) + by
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
  async sadd(key: string, member: string): Promise<void> {
    this.set_(key).add(member)
  }
  async srem(key: string, member: string): Promise<void> {
    const v = this.live(key)?.value
    if (v instanceof Set) v.delete(member)
  }
  async smembers(key: string): Promise<string[]> {
    const v = this.live(key)?.value
    return v instanceof Set ? [...v] : []
  }
  async health(): Promise<null> {
    return null
  }
  async close(): Promise<void> {}
}
