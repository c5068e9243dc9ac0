import { afterAll, describe, expect, it } from 'vitest'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import { REDIS_URL, fastForward, prefixedRedisClient, testPrefix } from '../helpers/redis-test-store'
import { runStoreContract } from './contract'

// Under a prefix of its own (health() writes a key too), deleted after the last test.
const prefix = testPrefix('redis-store')
const clock = prefixedRedisClient(prefix)
afterAll(async () => {
  await clock.quit()
})

runStoreContract('RedisStore', () => new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix })), {
  health: 'up',
  advance: (ms, keys) => fastForward(clock, keys, ms),
})

describe('RedisStore shared by two bot instances', () => {
  const a = new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix }))
  const b = new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix }))
  const k = 'two-instances'
  afterAll(async () => {
    await a.del(k)
    await Promise.all([a.close(), b.close()])
  })

  it('lets exactly one of two clients win a claim they race for', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => [a.claim(k, 60), b.claim(k, 60)]).flat(),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await b.claim(k, 60)).toBe(false)
    expect(await a.claim(k, 60)).toBe(false)
  })
})

describe('createRedisClient', () => {
  it('rejects a REDIS_URL that is not a redis URL, without echoing it', () => {
    expect(() => createRedisClient('http://user:s3cret@example.com')).toThrow(/REDIS_URL must start with redis:\/\//)
    expect(() => createRedisClient('not a url :s3cret')).toThrow(/REDIS_URL is not a URL/)
    try {
      createRedisClient('not a url :s3cret')
    } catch (err) {
      expect(String(err)).not.toContain('s3cret')
    }
  })

  it('reports an unreachable server once, without the password, and does not crash', async () => {
    const lines: string[] = []
    const client = createRedisClient('redis://:s3cret@127.0.0.1:1', { log: (m) => lines.push(m) })
    const store = new RedisStore(client)
    expect(await store.health()).toBe('down')
    expect(await store.health()).toBe('down')
    await store.close()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('redis://127.0.0.1:1')
    expect(lines[0]).not.toContain('s3cret')
  })
})
