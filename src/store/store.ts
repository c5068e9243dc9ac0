/**
 * The bot's shared state: de-duplication claims, sessions, rate limits, feedback counters, subscriptions.
 * Redis in production (src/store/redis.ts, behind FailoverStore); MemoryStore for local runs, tests and outages.
 * Only src/store/keys.ts names keys. Every write that creates a key gives it a TTL, except hset, which only
 * the subscriptions hash uses (bounded by the number of subscribed chats).
 * Every method is safe to call concurrently; `claim` is the exactly-once primitive (SET NX EX).
 */
export interface Store {
  readonly kind: 'redis' | 'memory'
  /** Sets key only if absent, with a TTL; true when this caller won the claim. */
  claim(key: string, ttlSeconds: number): Promise<boolean>
  get(key: string): Promise<string | null>
  set(key: string, value: string, ttlSeconds: number): Promise<void>
  del(key: string): Promise<void>
  /** Increments an integer key; a new key expires after ttlSeconds (later increments keep that expiry). */
  incr(key: string, ttlSeconds: number): Promise<number>
  /** Increments a hash field by one; a hash without an expiry gets ttlSeconds. */
  hincr(key: string, field: string, ttlSeconds: number): Promise<number>
  hgetall(key: string): Promise<Record<string, string>>
  hset(key: string, field: string, value: string): Promise<void>
  hdel(key: string, field: string): Promise<void>
  /** 'up' / 'down' for Redis, null for memory (nothing to be down). */
  health(): Promise<'up' | 'down' | null>
  close(): Promise<void>
}
