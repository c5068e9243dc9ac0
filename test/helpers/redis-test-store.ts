import Redis from 'ioredis'
import { afterAll, inject } from 'vitest'
import { RedisStore } from '../../src/store/redis'
import { REDIS_URL } from './redis-url'

export { REDIS_URL }

// Set by test/global/redis-key-guard.ts, which fails the run if anything is left under it.
const ROOT = inject('redisTestRoot') ?? `test:${Math.random().toString(36).slice(2, 10)}:`

/**
 * A fresh prefix under this run's root, short enough for REDIS_PREFIX (at most 40 characters), e.g.
 * `test:k3x9ab12:push-tips-4fz0:`.
 */
export function randomPrefix(name: string): string {
  return `${ROOT}${name.slice(0, 20)}-${Math.random().toString(36).slice(2, 6)}:`
}

/** A prefix for this test file, whose keys are deleted after its last test. Call at the top of the file. */
export function testPrefix(name: string): string {
  const prefix = randomPrefix(name)
  afterAll(async () => {
    await deleteKeys(prefix)
  })
  return prefix
}

/** A raw client whose commands all act under `prefix` (ioredis keyPrefix; not applied to SCAN/KEYS patterns). */
export function prefixedRedisClient(prefix: string): Redis {
  return new Redis(REDIS_URL, { keyPrefix: prefix, disableClientInfo: true, maxRetriesPerRequest: 1 })
}

/** A RedisStore whose keys all live under `prefix`, so tests sharing the server never collide. */
export function prefixedRedisStore(prefix: string): RedisStore {
  return new RedisStore(prefixedRedisClient(prefix))
}

/** Deletes every key under `prefix` (SCAN, never FLUSHDB: the server is shared). */
export async function deleteKeys(prefix: string): Promise<number> {
  const client = new Redis(REDIS_URL, { disableClientInfo: true })
  let cursor = '0'
  let deleted = 0
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200)
    cursor = next
    if (keys.length) deleted += await client.del(...keys)
  } while (cursor !== '0')
  await client.quit()
  return deleted
}

export async function keysUnder(prefix: string): Promise<string[]> {
  const client = new Redis(REDIS_URL, { disableClientInfo: true })
  const keys = await client.keys(`${prefix}*`)
  await client.quit()
  return keys.map((k) => k.slice(prefix.length)).sort()
}

/**
 * Moves the given keys `ms` into the future, as the server's clock would: a key whose TTL runs out within `ms` is
 * deleted, a longer TTL is shortened by `ms`, a key without a TTL is untouched. So TTL tests need no real sleep,
 * yet still fail if the code set no TTL, the wrong unit, or renewed it when it should not have.
 */
export async function fastForward(client: Redis, keys: Iterable<string>, ms: number): Promise<void> {
  for (const key of keys) {
    const left = await client.pttl(key)
    if (left < 0) continue // -1: no TTL, -2: no key
    if (left <= ms) await client.del(key)
    else await client.pexpire(key, left - ms)
  }
}
