import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReplyError } from 'ioredis'
import { FailoverStore, createOutageState, isCommandError } from '../../src/store/failover'
import { MemoryStore } from '../../src/store/memory'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import { DEFAULT_TIMEOUT_MS, IN_MEMORY_NOTICE, createStore } from '../../src/store'
import { TimeoutError } from '../../src/store/with-timeout'
import { runStoreContract } from './contract'
import { freePort } from '../helpers/redis-server-process'
import { REDIS_URL, fastForward, prefixedRedisClient, testPrefix } from '../helpers/redis-test-store'

// Every key on the shared Redis under this file's prefix (deleted after the last test); dead Redis URLs are loopback.
const prefix = testPrefix('failover')
const clock = prefixedRedisClient(prefix)
afterAll(async () => {
  await clock.quit()
})

runStoreContract(
  'FailoverStore over a healthy Redis',
  () => new FailoverStore(new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix })), new MemoryStore()),
  { health: 'up', advance: (ms, keys) => fastForward(clock, keys, ms) },
)

describe('createStore', () => {
  it('gives an in-memory store and a notice saying so when there is no REDIS_URL', async () => {
    const { store, notice } = createStore({ REDIS_PREFIX: 'xhs:' })
    expect(store.kind).toBe('memory')
    expect(notice).toBe(IN_MEMORY_NOTICE)
    expect(await store.health()).toBeNull()
  })

  it('gives a Redis store with no notice when REDIS_URL is set', async () => {
    const { store, notice } = createStore({ REDIS_URL, REDIS_PREFIX: prefix })
    expect(store.kind).toBe('redis')
    expect(notice).toBeNull()
    expect(await store.health()).toBe('up')
    await store.close()
  })

  it('stops with a message naming REDIS_URL when it is malformed', () => {
    expect(() => createStore({ REDIS_URL: 'localhost:6379', REDIS_PREFIX: 'xhs:' })).toThrow(/REDIS_URL/)
  })
})

describe('which Redis errors are outages', () => {
  const reply = (message: string) => new ReplyError(message) as Error

  it('passes errors about the command or the data to the caller', () => {
    expect(isCommandError(reply('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(true)
    expect(isCommandError(reply('ERR value is not an integer or out of range'))).toBe(true)
    expect(isCommandError(reply('ERR hash value is not an integer'))).toBe(true)
  })

  it('treats refusals, timeouts and connection errors as an outage', () => {
    for (const message of [
      "OOM command not allowed when used memory > 'maxmemory'.",
      "READONLY You can't write against a read only replica.",
      'LOADING Redis is loading the dataset in memory',
      'NOAUTH Authentication required.',
      'WRONGPASS invalid username-password pair or user is disabled.',
      'MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.',
      'BUSY Redis is busy running a script.',
      'ERR max number of clients reached',
    ]) expect(isCommandError(reply(message)), message).toBe(false)
    expect(isCommandError(new TimeoutError('Redis get timed out after 400 ms'))).toBe(false)
    expect(isCommandError(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe(false)
  })
})

describe('FailoverStore with a working Redis', () => {
  const logs: string[] = []
  let store: FailoverStore
  beforeAll(() => {
    store = new FailoverStore(new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix })), new MemoryStore(), {
      log: (m) => logs.push(m),
    })
  })
  afterAll(async () => {
    await store.del('wrongtype')
    await store.del('health')
    await store.close()
  })

  it('passes a command error from Redis through instead of treating it as an outage', async () => {
    await store.set('wrongtype', 'a string', 60)
    await expect(store.hincr('wrongtype', 'f', 60)).rejects.toThrow(/WRONGTYPE/)
    expect(store.degraded).toBe(false)
    expect(await store.health()).toBe('up')
    expect(logs).toEqual([])
  })
})

describe('per-request stores, as on Workers', () => {
  it('open, use and close one Redis client per request', async () => {
    const settings = { REDIS_URL, REDIS_PREFIX: prefix }
    const { store } = createStore(settings, { perRequest: true })
    expect(await store.claim('per-request', 60)).toBe(true)
    await store.del('per-request')
    await store.close()
    const unused = createStore(settings, { perRequest: true }).store
    await unused.close()
  })

  it('share the outage and the memory between requests so only the first one waits for a dead Redis', async () => {
    const port = await freePort()
    const fallback = new MemoryStore()
    const state = createOutageState()
    const logs: string[] = []
    const request = () =>
      createStore({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'xhs:' }, {
        perRequest: true,
        fallback,
        failover: { state, probeEveryMs: 60_000, log: (m) => logs.push(m) },
      }).store

    const first = request()
    let started = performance.now()
    expect(await first.claim('om_1', 60)).toBe(true)
    expect(performance.now() - started).toBeLessThan(DEFAULT_TIMEOUT_MS + 300)
    await first.close()

    const second = request()
    started = performance.now()
    expect(await second.claim('om_1', 60)).toBe(false)
    expect(await second.health()).toBe('down')
    expect(performance.now() - started).toBeLessThan(50)
    await second.close()
    expect(logs.filter((l) => l.includes('serving from memory'))).toHaveLength(1)
  })

  it('keep the shared memory bounded through a flood of distinct messages while Redis is down', async () => {
    const fallback = new MemoryStore({ maxKeys: 1000 })
    const { store } = createStore({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_PREFIX: 'xhs:' }, {
      fallback,
      failover: { probeEveryMs: 60_000, log: () => {} },
    })
    for (let i = 0; i < 20_000; i++) await store.claim(`dedupe:flood:${i}`, 8 * 3600)
    expect(fallback.size).toBeLessThanOrEqual(1000)
    await store.close()
  })
})
