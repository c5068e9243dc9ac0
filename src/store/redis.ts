import type Redis from 'ioredis'
import { HEALTH_KEY, HEALTH_TTL_SECONDS } from './keys'
import type { Store, ZBounds } from './store'
import { withTimeout } from './with-timeout'

export { createRedisClient, describeRedisUrl, assertRedisUrl } from './redis-client'
export type { RedisClientOptions } from './redis-client'

// INCR and the first EXPIRE in one step: a crash between them would leave a counter that never expires.
// Lua rather than EXPIRE NX so Redis < 7 works too.
const INCR_WITH_TTL_WHEN_NEW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`

// HINCRBY and the hash's first EXPIRE in one step, for the same reason.
const HINCR_WITH_TTL_WHEN_NEW = `
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
if redis.call('TTL', KEYS[1]) == -1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return n`

const HEALTH_TIMEOUT_MS = 1000
const QUIT_TIMEOUT_MS = 1000

/** The shared store on Redis. The caller owns the client's creation; close() ends it. */
export class RedisStore implements Store {
  readonly kind = 'redis' as const
  constructor(private readonly client: Redis) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.client.set(key, '1', 'EX', ttlSeconds, 'NX')) === 'OK'
  }
  async get(key: string): Promise<string | null> {
    return this.client.get(key)
  }
  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.client.set(key, value, 'EX', ttlSeconds)
  }
  async del(key: string): Promise<void> {
    await this.client.del(key)
  }
  async incr(key: string, ttlSeconds: number): Promise<number> {
    return Number(await this.client.eval(INCR_WITH_TTL_WHEN_NEW, 1, key, ttlSeconds))
  }
  async hincr(key: string, field: string, ttlSeconds: number): Promise<number> {
    return Number(await this.client.eval(HINCR_WITH_TTL_WHEN_NEW, 1, key, field, ttlSeconds))
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    return this.client.hgetall(key)
  }
  async hset(key: string, field: string, value: string): Promise<void> {
    await this.client.hset(key, field, value)
  }
  async hdel(key: string, field: string): Promise<void> {
    await this.client.hdel(key, field)
  }
  /**
   * 'up' when a tiny write succeeds: a PING alone answers PONG while Redis refuses every write (OOM at maxmemory,
   * a read-only replica), and the bot cannot de-duplicate without writes.
   */
  async zaddBounded(key: string, member: string, score: number, bounds: ZBounds): Promise<string[]> {
    const excess = String(-(bounds.keep + 1))
    const results = await this.client
      .multi()
      .zadd(key, score, member)
      .zremrangebyscore(key, '-inf', `(${bounds.minScore}`)
      .zrange(key, 0, excess)
      .zremrangebyrank(key, 0, excess)
      .expire(key, bounds.ttlSeconds)
      .exec()
    const failed = results?.find(([err]) => err)
    if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was discarded')
    return results[2]![1] as string[]
  }
  async zrevrange(key: string, start: number, stop: number): Promise<string[]> {
    return this.client.zrevrange(key, start, stop)
  }
  async health(): Promise<'up' | 'down'> {
    if (this.client.status === 'end') return 'down'
    try {
      const write = this.client.set(HEALTH_KEY, String(Date.now()), 'EX', HEALTH_TTL_SECONDS)
      return (await withTimeout(write, HEALTH_TIMEOUT_MS, 'Redis health write')) === 'OK' ? 'up' : 'down'
    } catch {
      return 'down'
    }
  }
  async close(): Promise<void> {
    if (this.client.status === 'end') return
    // Never connected (lazyConnect, request used no Redis): QUIT would open a socket just to close it. Still
    // connecting (Redis unreachable): QUIT would wait in the offline queue for a connection that may never come.
    const status = this.client.status
    if (status === 'wait' || status === 'connecting' || status === 'reconnecting') return this.client.disconnect()
    try {
      await withTimeout(this.client.quit(), QUIT_TIMEOUT_MS, 'Redis QUIT')
    } catch {
      // Server gone or slow: drop the socket instead of waiting for a goodbye.
      this.client.disconnect()
    }
  }
}
