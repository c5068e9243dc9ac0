import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Redis from 'ioredis'
import type { ChildProcess } from 'node:child_process'
import { DEFAULT_TIMEOUT_MS, createStore } from '../../src/store'
import type { Store } from '../../src/store/store'
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from '../helpers/redis-server-process'

// Our own redis-server on its own port (TEST_REDIS_PORTS), so killing or freezing it disturbs nobody else.
const SETTINGS = (port: number) => ({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'xhs-test:' })
/** The most one call may take while Redis is dead or frozen: the command timeout plus scheduling slack on a busy box. */
const CALL_BUDGET_MS = DEFAULT_TIMEOUT_MS + 300

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
    store = createStore(SETTINGS(port), { failover: { probeEveryMs: 50, log: (m) => logs.push(m) } }).store
    direct = new Redis(SETTINGS(port).REDIS_URL, { keyPrefix: 'xhs-test:', disableClientInfo: true, lazyConnect: true, maxRetriesPerRequest: 1 })
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

  it('keeps answering from memory, each call within the command timeout, once Redis is killed', async () => {
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
    for (const [label, ms] of Object.entries(timings)) expect(ms, label).toBeLessThan(CALL_BUDGET_MS)
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
      await new Promise((r) => setTimeout(r, 25))
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
    store = createStore(SETTINGS(port), { failover: { probeEveryMs: 50, log: (m) => logs.push(m) } }).store
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
    expect(firstCallMs).toBeGreaterThanOrEqual(DEFAULT_TIMEOUT_MS - 20)
    expect(firstCallMs).toBeLessThan(CALL_BUDGET_MS)
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
      await new Promise((r) => setTimeout(r, 25))
      health = await store.health()
    }
    expect(health).toBe('up')
  })
})
