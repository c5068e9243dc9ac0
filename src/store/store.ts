/**
 * The bot's shared state: de-duplication claims, sessions, rate limits, feedback counters, subscriptions.
 * Redis in production (src/store/redis.ts, behind FailoverStore); MemoryStore for local runs, tests and outages.
 * Only src/store/keys.ts names keys. Every write that creates a key gives it a TTL, except hset, which only
 * the subscriptions hash (bounded by the number of subscribed chats), the taught phrasings (at most
 * MAX_TAUGHT) and the reply outbox (fields leave within an hour; at most OUTBOX_MAX_ENTRIES) use.
 * Every method is safe to call concurrently; `claim` is the exactly-once primitive (SET NX EX).
 */
/** Bounds of a sorted set kept as a log (see zaddBounded). */
export interface ZBounds {
  /** members kept: the highest-scored */
  keep: number
  /** members scored below this are dropped */
  minScore: number
  /** the key expires this long after the last add */
  ttlSeconds: number
}

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
  /**
   * A bounded sorted set (a log scored by time): adds member with score, drops members scored below
   * bounds.minScore and all but the bounds.keep highest, and makes the key expire bounds.ttlSeconds from now,
   * in one step. Returns the members dropped to keep the count (not those dropped for age).
   */
  zaddBounded(key: string, member: string, score: number, bounds: ZBounds): Promise<string[]>
  /** Members of a sorted set from the highest score down, ranks start..stop inclusive (-1 = the lowest). */
  zrevrange(key: string, start: number, stop: number): Promise<string[]>
  /** 'up' / 'down' for Redis, null for memory (nothing to be down). */
  health(): Promise<'up' | 'down' | null>
  close(): Promise<void>
}
