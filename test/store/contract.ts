import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/store'

export interface ContractOptions {
  /** What health() answers for this store when everything is fine. */
  health: 'up' | null
  /**
   * Moves the store's clock `ms` ahead for the given keys: an injected clock for memory, TTLs shortened for Redis
   * (test/helpers/redis-test-store.ts fastForward). No test waits in real time.
   */
  advance: (ms: number, keys: string[]) => Promise<void>
}

/**
 * The behaviour every Store must share. TTLs are a minute, and time is moved rather than waited for, so the real
 * milliseconds a test takes never decide the outcome. Each key used is deleted afterwards (Redis stores also run
 * under a test prefix).
 */
export function runStoreContract(name: string, makeStore: () => Store | Promise<Store>, opts: ContractOptions): void {
  const MINUTE = 60
  const pastOneMinute = (...keys: string[]) => opts.advance(60_050, keys)
  describe(`${name} store contract`, () => {
    let store: Store
    const runId = `contract:${Math.random().toString(36).slice(2, 10)}`
    const used = new Set<string>()
    const key = (label: string) => {
      const k = `${runId}:${label}`
      used.add(k)
      return k
    }

    beforeAll(async () => {
      store = await makeStore()
    })
    afterAll(async () => {
      await Promise.all([...used, 'health'].map((k) => store.del(k)))
      await store.close()
    })

    it('lets exactly one of 20 concurrent claims win', async () => {
      const k = key('claim-race')
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(k, 60)))
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    it('refuses a live claim and allows it again once its TTL has passed', async () => {
      const k = key('claim-expiry')
      expect(await store.claim(k, MINUTE)).toBe(true)
      expect(await store.claim(k, MINUTE)).toBe(false)
      await opts.advance(59_000, [k])
      expect(await store.claim(k, MINUTE)).toBe(false)
      await opts.advance(1_050, [k])
      expect(await store.claim(k, MINUTE)).toBe(true)
    })

    it('returns what was set, null for a missing key, and forgets a value after its TTL', async () => {
      const kept = key('kept')
      const short = key('short')
      expect(await store.get(kept)).toBeNull()
      await store.set(kept, 'one', 100 * MINUTE)
      await store.set(kept, '两', 100 * MINUTE)
      await store.set(short, 'soon gone', MINUTE)
      expect(await store.get(kept)).toBe('两')
      expect(await store.get(short)).toBe('soon gone')
      await pastOneMinute(kept, short)
      expect(await store.get(short)).toBeNull()
      expect(await store.get(kept)).toBe('两')
    })

    it('counts up and keeps the TTL given on the first increment only', async () => {
      const k = key('incr-ttl')
      expect(await store.incr(k, MINUTE)).toBe(1)
      expect(await store.incr(k, 100 * MINUTE)).toBe(2)
      await pastOneMinute(k)
      expect(await store.get(k)).toBeNull()
      expect(await store.incr(k, 100 * MINUTE)).toBe(1)
    })

    it('increments, sets, reads and deletes hash fields', async () => {
      const h = key('hash')
      expect(await store.hgetall(h)).toEqual({})
      expect(await store.hincr(h, 'asks', 60)).toBe(1)
      expect(await store.hincr(h, 'asks', 60)).toBe(2)
      await store.hset(h, 'last', '标题')
      expect(await store.hgetall(h)).toEqual({ asks: '2', last: '标题' })
      await store.hdel(h, 'asks')
      await store.hdel(h, 'never-there')
      expect(await store.hgetall(h)).toEqual({ last: '标题' })
    })

    it('expires a counted hash after the TTL of its first increment; a hash only hset keeps', async () => {
      const counted = key('hash-ttl')
      const plain = key('hash-plain')
      await store.hincr(counted, 'up', MINUTE)
      await store.hincr(counted, 'up', 100 * MINUTE)
      await store.hset(plain, 'f', 'v')
      await pastOneMinute(counted, plain)
      expect(await store.hgetall(counted)).toEqual({})
      expect(await store.hgetall(plain)).toEqual({ f: 'v' })
    })

    it('deletes strings and hashes, and ignores a missing key', async () => {
      const [str, hash, missing] = [key('del-str'), key('del-hash'), key('del-missing')]
      await store.set(str, 'x', 60)
      await store.hset(hash, 'f', 'v')
      await Promise.all([store.del(str), store.del(hash), store.del(missing)])
      expect(await store.get(str)).toBeNull()
      expect(await store.hgetall(hash)).toEqual({})
      expect(await store.claim(str, 60)).toBe(true)
    })

    it('keeps a bounded sorted set: newest first, the cap returned as dropped, old scores gone', async () => {
      const z = key('zset')
      const bounds = { keep: 3, minScore: 100, ttlSeconds: 60 }
      expect(await store.zrevrange(z, 0, -1)).toEqual([])
      expect(await store.zaddBounded(z, 'old', 50, bounds)).toEqual([])
      for (const [m, s] of [['a', 101], ['b', 102], ['c', 103]] as const) expect(await store.zaddBounded(z, m, s, bounds)).toEqual([])
      expect(await store.zrevrange(z, 0, -1)).toEqual(['c', 'b', 'a'])
      expect(await store.zaddBounded(z, 'd', 104, bounds)).toEqual(['a'])
      // re-adding a member moves it instead of duplicating it
      expect(await store.zaddBounded(z, 'b', 105, bounds)).toEqual([])
      expect(await store.zrevrange(z, 0, -1)).toEqual(['b', 'd', 'c'])
      expect(await store.zrevrange(z, 1, 1)).toEqual(['d'])
      expect(await store.zaddBounded(z, 'e', 106, { ...bounds, minScore: 104 })).toEqual([])
      expect(await store.zrevrange(z, 0, -1)).toEqual(['e', 'b', 'd'])
    })

    it('expires a bounded sorted set ttlSeconds after its last add', async () => {
      const z = key('zset-ttl')
      const bounds = { keep: 5, minScore: 0, ttlSeconds: MINUTE }
      await store.zaddBounded(z, 'first', 1, bounds)
      await opts.advance(40_000, [z])
      await store.zaddBounded(z, 'second', 2, bounds)
      await opts.advance(40_000, [z])
      expect(await store.zrevrange(z, 0, -1)).toEqual(['second', 'first'])
      await opts.advance(20_050, [z])
      expect(await store.zrevrange(z, 0, -1)).toEqual([])
    })

    it(`reports health as ${String(opts.health)}`, async () => {
      expect(await store.health()).toBe(opts.health)
    })
  })
}
