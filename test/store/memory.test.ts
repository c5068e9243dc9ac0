import { describe, expect, it } from 'vitest'
import { DEDUPE_TTL_SECONDS, dedupeKey, countMessage, writeSubscription, readSubscriptions } from '../../src/store/keys'
import { DEFAULT_MAX_KEYS, MemoryStore } from '../../src/store/memory'
import { runStoreContract } from './contract'

let contractClock = 1_000_000
runStoreContract('MemoryStore', () => new MemoryStore({ now: () => contractClock }), {
  health: null,
  advance: async (ms) => {
    contractClock += ms
  },
})

/** A MemoryStore on a clock the test moves by hand. */
function clocked(opts: { maxKeys?: number; sweepEveryMs?: number } = {}) {
  const clock = { t: 1_700_000_000_000 }
  const store = new MemoryStore({ now: () => clock.t, ...opts })
  return { store, clock }
}

describe('MemoryStore bounds', () => {
  it('sweeps expired keys on a later write, without their being read again', async () => {
    const { store, clock } = clocked({ sweepEveryMs: 60_000 })
    for (let i = 0; i < 1000; i++) await store.set(`s:${i}`, 'x', 30)
    await store.set('kept', 'x', 3600)
    expect(store.size).toBe(1001)
    clock.t += 61_000
    await store.claim('next', 60)
    expect(store.size).toBe(2)
    expect(await store.get('kept')).toBe('x')
  })

  // The production cap (DEFAULT_MAX_KEYS, 20,000), overrun three times: eviction runs every 2,000 new keys past it.
  it('stays under its cap through 60,000 distinct dedupe and rate keys', async () => {
    const { store, clock } = clocked()
    const sub = { platform: 'feishu', chatId: 'oc_keep', senderId: '' }
    await writeSubscription(store, 'feishu:oc_keep', '{}')
    let largest = 0
    for (let i = 0; i < 30_000; i++) {
      clock.t += 1
      await store.claim(dedupeKey('feishu', `om_${i}`), DEDUPE_TTL_SECONDS)
      await countMessage(store, { ...sub, senderId: `ou_${i}` }, new Date(clock.t))
      if (store.size > largest) largest = store.size
    }
    expect(largest).toBeLessThanOrEqual(DEFAULT_MAX_KEYS)
    expect(largest).toBeGreaterThan(DEFAULT_MAX_KEYS * 0.9) // it did fill up to the cap
    expect(store.size).toBeLessThanOrEqual(DEFAULT_MAX_KEYS)
    // The subscriptions hash has no TTL: it is evicted last, so a flood does not cost the daily tip.
    expect(await readSubscriptions(store)).toEqual({ 'feishu:oc_keep': '{}' })
  })

  it('evicts the soonest-expiring keys first, so a flood of 2-minute rate keys spares 8-hour dedupe claims', async () => {
    const { store, clock } = clocked({ maxKeys: 1000 })
    for (let i = 0; i < 500; i++) await store.claim(dedupeKey('wecom', `msg_${i}`), DEDUPE_TTL_SECONDS)
    for (let i = 0; i < 20_000; i++) {
      clock.t += 1
      await countMessage(store, { platform: 'wecom', chatId: 'wr', senderId: `u_${i}` }, new Date(clock.t))
    }
    expect(store.size).toBeLessThanOrEqual(1000)
    for (let i = 0; i < 500; i++) expect(await store.claim(dedupeKey('wecom', `msg_${i}`), DEDUPE_TTL_SECONDS)).toBe(false)
  })

  it('evicts among keys expiring at the same moment only as many as it must', async () => {
    const { store } = clocked({ maxKeys: 10 })
    for (let i = 0; i < 11; i++) await store.set(`same:${i}`, 'x', 60)
    expect(store.size).toBe(9)
  })
})
