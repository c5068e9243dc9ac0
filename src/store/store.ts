/**
 * The bot's shared state: de-duplication claims, sessions, rate limits, counters, subscriptions.
 * Redis in production (src/store/redis.ts); the in-memory one below for local runs and tests.
 * Every method is safe to call concurrently; `claim` is the exactly-once primitive (SET NX EX).
 */
export interface Store {
  readonly kind: 'redis' | 'memory'
  /** Sets key only if absent, with a TTL; true when this caller won the claim. */
  claim(key: string, ttlSeconds: number): Promise<boolean>
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds?: number): Promise<void>
  del(key: string): Promise<void>
  /** Increments an integer key; when ttlSeconds is given and the key is new, it expires after that. */
  incr(key: string, ttlSeconds?: number): Promise<number>
  /** Adds `by` to a hash field; when ttlSeconds is given and the hash has no expiry yet, it expires after that. */
  hincr(key: string, field: string, by?: number, ttlSeconds?: number): Promise<number>
  hgetall(key: string): Promise<Record<string, string>>
  hset(key: string, field: string, value: string): Promise<void>
  hdel(key: string, field: string): Promise<void>
  sadd(key: string, member: string): Promise<void>
  srem(key: string, member: string): Promise<void>
  smembers(key: string): Promise<string[]>
  /** 'up' / 'down' for Redis, null for memory (nothing to be down). */
  health(): Promise<'up' | 'down' | null>
  close(): Promise<void>
}
