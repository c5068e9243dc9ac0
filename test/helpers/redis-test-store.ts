import Redis from 'ioredis'
import { RedisStore } from '../../src/store/redis'

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A RedisStore whose keys all live under `prefix` (ioredis keyPrefix), so tests sharing the server never collide. */
export function prefixedRedisStore(prefix: string): RedisStore {
  return new RedisStore(new Redis(REDIS_URL, { keyPrefix: prefix, disableClientInfo: true, maxRetriesPerRequest: 1 }))
}

export function randomPrefix(name: string): string {
  return `test:${name}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`
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
