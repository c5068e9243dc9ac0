// Redis that answers but refuses the work is an outage too: full (OOM), wrong password, read-only replica.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Redis from 'ioredis'
import type { ChildProcess } from 'node:child_process'
import { DEFAULT_TIMEOUT_MS, createStore } from '../../src/store'
import type { Store } from '../../src/store/store'
import { testApp } from '../helpers/app'
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from '../helpers/redis-server-process'

const PREFIX = 'xhs-test:'
const CALL_BUDGET_MS = DEFAULT_TIMEOUT_MS + 300

async function timed<T>(op: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await op()
  return { value, ms: performance.now() - started }
}

/** What every refusing Redis must still give the bot: memory answers, fast, and health says so. */
async function expectServedFromMemory(store: Store, logs: string[]): Promise<void> {
  const claim = await timed(() => store.claim('dedupe:feishu:om_1', 60))
  expect(claim.value).toBe(true)
  expect(claim.ms).toBeLessThan(CALL_BUDGET_MS)
  expect(await store.claim('dedupe:feishu:om_1', 60)).toBe(false)
  await store.set('session:x', '{"depth":0}', 60)
  expect(await store.get('session:x')).toBe('{"depth":0}')
  expect(await store.incr('rate:x', 120)).toBe(1)
  expect(await store.health()).toBe('down')
  expect(logs.filter((l) => l.includes('serving from memory'))).toHaveLength(1)
}

// An empty redis-server already uses ~1.1 MB, so the limit leaves ~1 MB to fill.
const MAXMEMORY = '2mb'

describe.skipIf(!hasRedisServer)('FailoverStore when Redis is full (maxmemory, noeviction)', () => {
  let server: ChildProcess
  let direct: Redis
  let store: Store
  const logs: string[] = []
  let filled = 0

  beforeAll(async () => {
    const port = await freePort()
    server = await startRedisServer(port, ['--maxmemory', MAXMEMORY, '--maxmemory-policy', 'noeviction'])
    const url = `redis://127.0.0.1:${port}`
    direct = new Redis(url, { disableClientInfo: true, maxRetriesPerRequest: 1 })
    store = createStore({ REDIS_URL: url, REDIS_PREFIX: PREFIX }, { failover: { probeEveryMs: 100, log: (m) => logs.push(m) } }).store
  })
  afterAll(async () => {
    await store?.close()
    direct?.disconnect()
    if (server) await stopRedisServer(server)
  })

  it('reports up while Redis takes writes', async () => {
    expect(await store.health()).toBe('up')
  })

  it('answers from memory once Redis refuses writes with OOM, and /healthz says redis is down', async () => {
    const chunk = 'x'.repeat(16 * 1024)
    await expect(
      (async () => {
        for (;;) await direct.set(`fill:${filled++}`, chunk)
      })(),
    ).rejects.toThrow(/OOM/)
    // Right at the limit, freed client buffers can let one small write through; hold the limit well below the data.
    const used = Number(/used_memory:(\d+)/.exec(await direct.info('memory'))![1])
    await direct.config('SET', 'maxmemory', String(used - 256 * 1024))
    // PING still answers PONG: health must not be fooled by it.
    expect(await direct.ping()).toBe('PONG')
    await expectServedFromMemory(store, logs)

    const { app } = testApp({ store, apiBase: 'http://127.0.0.1:9' })
    const body = await (await app.request('/healthz')).json()
    expect(body).toMatchObject({ ok: true, store: 'redis', redis: 'down' })
  })

  it('returns to Redis once it has room again', async () => {
    const keys = Array.from({ length: filled }, (_, i) => `fill:${i}`)
    for (let i = 0; i < keys.length; i += 100) await direct.del(...keys.slice(i, i + 100))
    await direct.config('SET', 'maxmemory', MAXMEMORY)
    let health: 'up' | 'down' | null = 'down'
    for (let i = 0; i < 50 && health !== 'up'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      health = await store.health()
    }
    expect(health).toBe('up')
    await store.set('after', 'in redis', 60)
    expect(await direct.get(`${PREFIX}after`)).toBe('in redis')
  })
})

describe.skipIf(!hasRedisServer)('FailoverStore when the password is wrong or missing', () => {
  let server: ChildProcess
  let port: number

  beforeAll(async () => {
    port = await freePort()
    server = await startRedisServer(port, ['--requirepass', 'right-password'], 'right-password')
  })
  afterAll(async () => {
    if (server) await stopRedisServer(server)
  })

  for (const [label, url] of [
    ['WRONGPASS', () => `redis://:wrong-password@127.0.0.1:${port}`],
    ['NOAUTH', () => `redis://127.0.0.1:${port}`],
  ] as const) {
    it(`answers from memory on ${label}, and never logs the password`, async () => {
      const logs: string[] = []
      const { store } = createStore({ REDIS_URL: url(), REDIS_PREFIX: PREFIX }, { failover: { probeEveryMs: 60_000, log: (m) => logs.push(m) } })
      await expectServedFromMemory(store, logs)
      expect(logs.join('\n')).toContain(label)
      expect(logs.join('\n')).not.toContain('wrong-password')
      await store.close()
    })
  }

  it('works with the right password', async () => {
    const { store } = createStore({ REDIS_URL: `redis://:right-password@127.0.0.1:${port}`, REDIS_PREFIX: PREFIX })
    expect(await store.claim('dedupe:feishu:om_ok', 60)).toBe(true)
    expect(await store.health()).toBe('up')
    await store.close()
  })
})

describe.skipIf(!hasRedisServer)('FailoverStore when Redis has become a read-only replica', () => {
  let server: ChildProcess
  let direct: Redis

  beforeAll(async () => {
    const port = await freePort()
    server = await startRedisServer(port)
    direct = new Redis(`redis://127.0.0.1:${port}`, { disableClientInfo: true })
    // A replica of a master that is not there: reads work, every write answers READONLY.
    await direct.replicaof('127.0.0.1', String(await freePort()))
  })
  afterAll(async () => {
    direct?.disconnect()
    if (server) await stopRedisServer(server)
  })

  it('answers from memory on READONLY', async () => {
    const logs: string[] = []
    const { store } = createStore({ REDIS_URL: `redis://127.0.0.1:${direct.options.port}`, REDIS_PREFIX: PREFIX }, { failover: { probeEveryMs: 60_000, log: (m) => logs.push(m) } })
    await expectServedFromMemory(store, logs)
    expect(logs.join('\n')).toContain('READONLY')
    await store.close()
  })
})
