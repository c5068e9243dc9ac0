import Redis from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import * as keys from '../../src/store/keys'
import { MemoryStore } from '../../src/store/memory'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import { REDIS_URL, testPrefix } from '../helpers/redis-test-store'

const prefix = testPrefix('keys')
const store = new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix }))
const direct = new Redis(REDIS_URL, { disableClientInfo: true })
const who = { platform: 'feishu', chatId: 'oc_1', senderId: 'ou_1' }
const DATE = '2026-11-24'

afterAll(async () => {
  const written = await direct.keys(`${prefix}*`)
  if (written.length) await direct.del(...written)
  await Promise.all([store.close(), direct.quit()])
})

/** Seconds left on a key the helpers wrote, read straight from Redis under the test prefix. */
const ttl = (key: string) => direct.ttl(`${prefix}${key}`)

describe('store keys on Redis', () => {
  it('writes every key under the prefix with the TTL the key table gives it', async () => {
    expect(await store.claim(keys.dedupeKey('wecom', 'msg-1'), keys.DEDUPE_TTL_SECONDS)).toBe(true)
    expect(await store.claim(keys.dedupeKey('wecom', 'msg-1'), keys.DEDUPE_TTL_SECONDS)).toBe(false)
    expect(await store.claim(keys.cardDedupeKey('feishu', 'ev-1'), keys.DEDUPE_TTL_SECONDS)).toBe(true)
    await keys.writeSession(store, who, '{"depth":0}')
    expect(await keys.readSession(store, who)).toBe('{"depth":0}')
    expect(await keys.countMessage(store, who, new Date(0))).toBe(1)
    expect(await keys.claimVote(store, DATE, who, 'new-account')).toBe(true)
    await keys.countVote(store, DATE, 'new-account', 'up')
    expect(await keys.claimTip(store, 'feishu', 'oc_1', DATE)).toBe(true)

    const expected: [string, number][] = [
      ['dedupe:wecom:msg-1', keys.DEDUPE_TTL_SECONDS],
      ['dedupe:feishu:card:ev-1', keys.DEDUPE_TTL_SECONDS],
      ['session:feishu:oc_1:ou_1', keys.SESSION_TTL_SECONDS],
      ['rate:feishu:oc_1:ou_1:0', keys.RATE_TTL_SECONDS],
      [`vote:${DATE}:feishu:new-account:ou_1`, keys.VOTE_TTL_SECONDS],
      [`feedback:${DATE}`, keys.FEEDBACK_TTL_SECONDS],
      [`tip:feishu:oc_1:${DATE}`, keys.TIP_IN_FLIGHT_TTL_SECONDS],
    ]
    for (const [key, seconds] of expected) {
      const left = await ttl(key)
      expect(left, key).toBeGreaterThan(seconds - 30)
      expect(left, key).toBeLessThanOrEqual(seconds)
    }
    expect((await direct.keys(`${prefix}*`)).length).toBe(expected.length)
  })

  it('extends a sent tip to 48 h and frees a failed one', async () => {
    expect(await keys.claimTip(store, 'wecom', 'wr_1', DATE)).toBe(true)
    expect(await keys.tipClaimed(store, 'wecom', 'wr_1', DATE)).toBe(true)
    await keys.markTipSent(store, 'wecom', 'wr_1', DATE)
    expect(await ttl(`tip:wecom:wr_1:${DATE}`)).toBeGreaterThan(keys.TIP_SENT_TTL_SECONDS - 30)
    await keys.releaseTip(store, 'wecom', 'wr_1', DATE)
    expect(await keys.tipClaimed(store, 'wecom', 'wr_1', DATE)).toBe(false)
  })

  it('keeps the day\'s feedback TTL from the first vote, not the latest', async () => {
    const day = '2026-11-25'
    await keys.countVote(store, day, 'a', 'up')
    await direct.expire(`${prefix}feedback:${day}`, 1000)
    await keys.countVote(store, day, 'a', 'down')
    expect(await ttl(`feedback:${day}`)).toBeLessThanOrEqual(1000)
  })
})

describe('readVotes', () => {
  it('groups a day\'s fields by topic and ignores fields it did not write', async () => {
    const mem = new MemoryStore()
    await keys.countVote(mem, DATE, 'new-account', 'up')
    await keys.countVote(mem, DATE, 'new-account', 'up')
    await keys.countVote(mem, DATE, 'new-account', 'down')
    await keys.countVote(mem, DATE, 'local-life', 'down')
    await mem.hset(keys.feedbackKey(DATE), 'stray', '5')
    expect(await keys.readVotes(mem, DATE)).toEqual({
      'new-account': { up: 2, down: 1 },
      'local-life': { up: 0, down: 1 },
    })
    expect(await keys.readVotes(mem, '2026-01-01')).toEqual({})
  })
})
