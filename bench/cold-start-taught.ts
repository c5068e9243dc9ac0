// The cold-start runs again with the store in Redis holding 200 taught phrasings, so a fresh isolate's first question
// also loads the taught overlay. They go under a prefix of their own, deleted afterwards (SCAN, never FLUSHDB).
import Redis from 'ioredis'
import { loadKnowledge } from '../src/knowledge/knowledge'
import { TAUGHT_KEY, TAUGHT_VERSION_KEY } from '../src/store/keys'
import { RedisStore } from '../src/store/redis'
import { writeSnapshot } from '../src/teach/snapshot'
import { taughtPhrasings } from './taught-overlay'

/** REDIS_URL, else the local default; null when nothing answers there. */
export async function benchRedisUrl(): Promise<string | null> {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
  const client = new Redis(url, { disableClientInfo: true, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null })
  try {
    await client.connect()
    await client.ping()
    return url
  } catch {
    return null
  } finally {
    client.disconnect()
  }
}

/** Runs `fn` with 200 taught phrasings stored under a fresh REDIS_PREFIX, then deletes every key under it. */
export async function withTaughtInRedis<T>(url: string, fn: (prefix: string) => Promise<T>): Promise<{ result: T; taught: number }> {
  const prefix = `bench:cold-start-${process.pid}:`
  const client = new Redis(url, { keyPrefix: prefix, disableClientInfo: true, maxRetriesPerRequest: 1 })
  const store = new RedisStore(client)
  try {
    const phrasings = taughtPhrasings(loadKnowledge())
    for (const p of phrasings) await store.hset(TAUGHT_KEY, p.text, JSON.stringify(p))
    // as teach() leaves them: the version, then the snapshot written for it
    await store.set(TAUGHT_VERSION_KEY, 'bench', 3600)
    await writeSnapshot(store, 'bench')
    const taught = Object.keys(await store.hgetall(TAUGHT_KEY)).length
    return { result: await fn(prefix), taught }
  } finally {
    // keyPrefix is not applied to SCAN patterns, and DEL would prefix again: use a plain client.
    const plain = new Redis(url, { disableClientInfo: true })
    for await (const keys of plain.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) if (keys.length) await plain.del(...keys)
    plain.disconnect()
    client.disconnect()
  }
}
