import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Redis from 'ioredis'
import type { ChildProcess } from 'node:child_process'
import { FailoverStore, createOutageState } from '../../src/store/failover'
import { MemoryStore } from '../../src/store/memory'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import { IN_MEMORY_NOTICE, createStore } from '../../src/store'
import type { Store } from '../../src/store/store'
import { runStoreContract } from './contract'
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from './redis-server-process'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const randomKey = (label: string) =>
  `xhs-test:failover:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 10)}:${label}`

runStoreContract(
  'FailoverStore over a healthy Redis',
  () => new FailoverStore(new RedisStore(createRedisClient(REDIS_URL)), new MemoryStore()),
  { health: 'up' },
)

describe('createStore', () => {
  it('gives an in-memory store and a notice saying so when there is no REDIS_URL', async () => {
    const { store, notice } = createStore(undefined)
    expect(store.kind).toBe('memory')
    expect(notice).toBe(IN_MEMORY_NOTICE)
    expect(await store.health()).toBeNull()
  })

  it('gives a Redis store with no notice when REDIS_URL is set', async () => {
    const { store, notice } = createStore(REDIS_URL)
    expect(store.kind).toBe('redis')
    expect(notice).toBeNull()
    expect(await store.health()).toBe('up')
    await store.close()
  })

  it('stops with a message naming REDIS_URL when it is malformed', () => {
    expect(() => createStore('localhost:6379')).toThrow(/REDIS_URL/)
  })
})

describe('FailoverStore with a working Redis', () => {
  const logs: string[] = []
  let store: FailoverStore
  const k = randomKey('wrongtype')
  beforeAll(() => {
    store = new FailoverStore(new RedisStore(createRedisClient(REDIS_URL)), new MemoryStore(), {
      log: (m) => logs.push(m),
    })
  })
  afterAll(async () => {
    await store.del(k)
    await store.close()
  })

  it('passes a command error from Redis through instead of treating it as an outage', async () => {
    await store.set(k, 'a string', 60)
    await expect(store.hincr(k, 'f', 60)).rejects.toThrow(/WRONGTYPE/)
    expect(store.degraded).toBe(false)
    expect(await store.health()).toBe('up')
    expect(logs).toEqual([])
  })
})

describe.skipIf(!hasRedisServer)('FailoverStore through a real Redis outage', () => {
  let port: number
  let server: ChildProcess
  let store: Store
  let direct: Redis
  const logs: string[] = []
  const unhandled: unknown[] = []
  const onUnhandled = (err: unknown) => unhandled.push(err)
  const timings: Record<string, number> = {}

  /** Runs an operation and records how long it took, so a hang shows up as a number, not a stuck test. */
  async function timed<T>(label: string, op: () => Promise<T>): Promise<T> {
    const started = performance.now()
    const result = await op()
    timings[label] = Math.round(performance.now() - started)
    return result
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled)
    process.on('uncaughtException', onUnhandled)
    port = await freePort()
    server = await startRedisServer(port)
    const url = `redis://127.0.0.1:${port}`
    store = createStore(url, { failover: { probeEveryMs: 200, log: (m) => logs.push(m) } }).store
    direct = new Redis(url, { disableClientInfo: true, lazyConnect: true, maxRetriesPerRequest: 1 })
    direct.on('error', () => {})
  })
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    process.off('uncaughtException', onUnhandled)
    await store?.close()
    direct?.disconnect()
    if (server) await stopRedisServer(server)
    console.info(`[failover timings ms] ${JSON.stringify(timings)}`)
  })

  it('writes to Redis while it is up', async () => {
    await store.set('before', 'in redis', 60)
    expect(await store.claim('msg-1', 60)).toBe(true)
    expect(await direct.get('before')).toBe('in redis')
    expect(await store.health()).toBe('up')
  })

  it('keeps answering from memory within 2 s per call once Redis is killed', async () => {
    await stopRedisServer(server)
    await timed('first set after kill', () => store.set('during', 'in memory', 60))
    expect(await timed('get', () => store.get('during'))).toBe('in memory')
    expect(await timed('incr', () => store.incr('count', 60))).toBe(1)
    expect(await timed('incr again', () => store.incr('count', 60))).toBe(2)
    expect(await timed('claim', () => store.claim('msg-2', 60))).toBe(true)
    expect(await timed('claim again', () => store.claim('msg-2', 60))).toBe(false)
    await store.hset('h', 'f', 'v')
    expect(await store.hgetall('h')).toEqual({ f: 'v' })
    expect(await timed('health while down', () => store.health())).toBe('down')
    for (const [label, ms] of Object.entries(timings)) expect(ms, label).toBeLessThan(2000)
    expect(store.kind).toBe('redis')
  })

  it('logs the outage once however many calls fail', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(`k${i}`)))
    const outageLines = logs.filter((l) => l.includes('serving from memory'))
    expect(outageLines).toHaveLength(1)
    expect(logs.filter((l) => l.includes('unreachable'))).toHaveLength(1)
  })

  it('recovers by itself when Redis returns on the same port, and writes reach Redis again', async () => {
    server = await startRedisServer(port)
    const started = performance.now()
    let health: 'up' | 'down' | null = 'down'
    while (health !== 'up' && performance.now() - started < 15_000) {
      await new Promise((r) => setTimeout(r, 100))
      health = await store.health()
    }
    timings['recovery after restart'] = Math.round(performance.now() - started)
    expect(health).toBe('up')
    expect(logs.filter((l) => l.includes('Redis is back'))).toHaveLength(1)

    await store.set('after', 'in redis again', 60)
    expect(await direct.get('after')).toBe('in redis again')
    // The restarted server is empty: what was written during the outage stayed in memory.
    expect(await direct.get('during')).toBeNull()
    // A message claimed from memory during the outage is still not answered twice after recovery.
    expect(await store.claim('msg-2', 60)).toBe(false)
    expect(await store.claim('msg-3', 60)).toBe(true)
    expect(await direct.exists('msg-3')).toBe(1)
  })

  it('raised no unhandled errors through the outage', () => {
    expect(unhandled).toEqual([])
  })
})

describe.skipIf(!hasRedisServer)('FailoverStore when Redis stops answering without closing the socket', () => {
  let server: ChildProcess
  let store: Store
  const logs: string[] = []

  beforeAll(async () => {
    const port = await freePort()
    server = await startRedisServer(port)
    store = createStore(`redis://127.0.0.1:${port}`, { failover: { timeoutMs: 1500, probeEveryMs: 200, log: (m) => logs.push(m) } }).store
    await store.set('warm', 'up', 60)
  })
  afterAll(async () => {
    if (server) server.kill('SIGCONT')
    await store?.close()
    if (server) await stopRedisServer(server)
  })

  it('gives up on the frozen server after the call timeout and answers from memory', async () => {
    server.kill('SIGSTOP')
    const started = performance.now()
    await store.set('frozen', 'in memory', 60)
    const firstCallMs = performance.now() - started
    expect(firstCallMs).toBeGreaterThanOrEqual(1400)
    expect(firstCallMs).toBeLessThan(2000)
    const next = performance.now()
    expect(await store.get('frozen')).toBe('in memory')
    expect(performance.now() - next).toBeLessThan(50)
    expect(await store.health()).toBe('down')
    expect(logs.filter((l) => l.includes('serving from memory'))).toHaveLength(1)
  })

  it('returns to Redis once the server answers again', async () => {
    server.kill('SIGCONT')
    const started = performance.now()
    let health: 'up' | 'down' | null = 'down'
    while (health !== 'up' && performance.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 100))
      health = await store.health()
    }
    expect(health).toBe('up')
  })
})

describe('per-request stores, as on Workers', () => {
  it('open, use and close one Redis client per request', async () => {
    const { store } = createStore(REDIS_URL, { perRequest: true })
    const k = randomKey('per-request')
    expect(await store.claim(k, 60)).toBe(true)
    await store.del(k)
    await store.close()
    const unused = createStore(REDIS_URL, { perRequest: true }).store
    await unused.close()
  })

  it('share the outage and the memory between requests so only the first one waits for a dead Redis', async () => {
    const port = await freePort()
    const fallback = new MemoryStore()
    const state = createOutageState()
    const logs: string[] = []
    const request = () =>
      createStore(`redis://127.0.0.1:${port}`, {
        perRequest: true,
        fallback,
        failover: { state, probeEveryMs: 60_000, log: (m) => logs.push(m) },
      }).store

    const first = request()
    let started = performance.now()
    expect(await first.claim('om_1', 60)).toBe(true)
    expect(performance.now() - started).toBeLessThan(2000)
    await first.close()

    const second = request()
    started = performance.now()
    expect(await second.claim('om_1', 60)).toBe(false)
    expect(await second.health()).toBe('down')
    expect(performance.now() - started).toBeLessThan(50)
    await second.close()
    expect(logs.filter((l) => l.includes('serving from memory'))).toHaveLength(1)
  })
})
