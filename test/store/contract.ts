import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Store } from '../../src/store/store'

export interface ContractOptions {
  /** What health() answers for this store when everything is fine. */
  health: 'up' | null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The behaviour every Store must share. Keys are random per run (the Store has no prefix option),
 * because Redis is shared with other test files and helpers; each key used is deleted afterwards.
 */
export function runStoreContract(name: string, makeStore: () => Store | Promise<Store>, opts: ContractOptions): void {
  describe(`${name} store contract`, () => {
    let store: Store
    const runId = `xhs-test:contract:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 10)}`
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
      await Promise.all([...used].map((k) => store.del(k)))
      await store.close()
    })

    it('lets exactly one of 20 concurrent claims win', async () => {
      const k = key('claim-race')
      const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(k, 60)))
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    it('refuses a live claim and allows it again once its TTL has passed', async () => {
      const k = key('claim-expiry')
      expect(await store.claim(k, 1)).toBe(true)
      expect(await store.claim(k, 1)).toBe(false)
      await sleep(1150)
      expect(await store.claim(k, 1)).toBe(true)
    })

    it('returns what was set, null for a missing key, and forgets a value after its TTL', async () => {
      const plain = key('plain')
      const short = key('short')
      expect(await store.get(plain)).toBeNull()
      await store.set(plain, 'one')
      await store.set(plain, '两')
      await store.set(short, 'soon gone', 1)
      expect(await store.get(plain)).toBe('两')
      expect(await store.get(short)).toBe('soon gone')
      await sleep(1150)
      expect(await store.get(short)).toBeNull()
      expect(await store.get(plain)).toBe('两')
    })

    it('counts up and keeps the TTL given on the first increment only', async () => {
      const limited = key('incr-ttl')
      const forever = key('incr-plain')
      expect(await store.incr(limited, 1)).toBe(1)
      expect(await store.incr(limited, 100)).toBe(2)
      expect(await store.incr(forever)).toBe(1)
      expect(await store.incr(forever)).toBe(2)
      await sleep(1150)
      expect(await store.get(limited)).toBeNull()
      expect(await store.incr(limited, 100)).toBe(1)
      expect(await store.get(forever)).toBe('2')
    })

    it('increments, sets, reads and deletes hash fields', async () => {
      const h = key('hash')
      expect(await store.hgetall(h)).toEqual({})
      expect(await store.hincr(h, 'asks')).toBe(1)
      expect(await store.hincr(h, 'asks', 5)).toBe(6)
      await store.hset(h, 'last', '标题')
      expect(await store.hgetall(h)).toEqual({ asks: '6', last: '标题' })
      await store.hdel(h, 'asks')
      await store.hdel(h, 'never-there')
      expect(await store.hgetall(h)).toEqual({ last: '标题' })
    })

    it('adds members once, removes them, and lists what is left', async () => {
      const s = key('set')
      expect(await store.smembers(s)).toEqual([])
      await store.sadd(s, 'oc_a')
      await store.sadd(s, 'oc_b')
      await store.sadd(s, 'oc_a')
      expect((await store.smembers(s)).sort()).toEqual(['oc_a', 'oc_b'])
      await store.srem(s, 'oc_a')
      await store.srem(s, 'oc_missing')
      expect(await store.smembers(s)).toEqual(['oc_b'])
    })

    it('deletes strings, hashes and sets, and ignores a missing key', async () => {
      const [str, hash, set, missing] = [key('del-str'), key('del-hash'), key('del-set'), key('del-missing')]
      await store.set(str, 'x')
      await store.hset(hash, 'f', 'v')
      await store.sadd(set, 'm')
      await Promise.all([store.del(str), store.del(hash), store.del(set), store.del(missing)])
      expect(await store.get(str)).toBeNull()
      expect(await store.hgetall(hash)).toEqual({})
      expect(await store.smembers(set)).toEqual([])
      expect(await store.claim(str, 60)).toBe(true)
    })

    it(`reports health as ${String(opts.health)}`, async () => {
      expect(await store.health()).toBe(opts.health)
    })
  })
}
