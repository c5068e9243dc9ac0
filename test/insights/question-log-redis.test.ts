// The question log's bounds as Redis keeps them: caps, TTLs, and nothing outside the log's keys.
import Redis from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { recordQuestion, recordVote } from '../../src/insights'
import { REDIS_URL, deleteKeys, keysUnder, prefixedRedisStore, randomPrefix } from '../helpers/redis-test-store'

const prefix = randomPrefix('qlog')
const store = prefixedRedisStore(prefix)
const redis = new Redis(REDIS_URL, { disableClientInfo: true })
afterAll(async () => {
  await store.close()
  await deleteKeys(prefix)
  await redis.quit()
})

describe('question log on Redis', () => {
  it('keeps the newest 50 of a chat, with every key expiring within QUESTION_LOG_DAYS (+1 day for the counters)', async () => {
    const settings = { days: 30, timeZone: 'Asia/Shanghai', limits: { perChat: 50, maxChats: 2, unanswered: 20 } }
    const now = Date.now()
    const msg = (chatId: string) => ({ platform: 'wecom' as const, chatId, chatType: 'group' as const, senderId: 'zhangsan' })
    let id = ''
    for (let i = 0; i < 60; i++) {
      id = (await recordQuestion(store, msg('chat-a'), `问题${i}`, i % 2 ? { intent: 'new-account', score: 0.8, candidates: ['new-account'] } : { intent: null, score: 0.1, candidates: [] }, settings, now + i))!
    }
    expect(await recordVote(store, msg('chat-a'), id, 'new-account', 'up', settings)).toBe(true)
    await recordQuestion(store, msg('chat-b'), '别的群', { intent: null, score: 0, candidates: [] }, settings, now + 61)
    await recordQuestion(store, msg('chat-c'), '第三个群', { intent: null, score: 0, candidates: [] }, settings, now + 62)

    expect(await redis.zcard(`${prefix}qlog:chat:wecom:chat-a`)).toBe(0) // the quietest chat made room for chat-c
    expect(await redis.keys(`${prefix}qlog:votes:wecom:chat-a:*`)).toEqual([])
    expect(await redis.zrevrange(`${prefix}qlog:chats`, 0, -1)).toEqual(['wecom:chat-c', 'wecom:chat-b'])
    expect(await redis.zcard(`${prefix}qlog:unanswered`)).toBe(20)
    const keys = await keysUnder(prefix)
    expect(keys.filter((k) => k !== 'qlog:salt').every((k) => /^(qlog:(chat|chats|unanswered|votes)|qstats:)/.test(k))).toBe(true)
    for (const k of keys.filter((k) => k !== 'qlog:salt')) {
      const ttl = await redis.ttl(`${prefix}${k}`)
      expect(ttl, k).toBeGreaterThan(0)
      expect(ttl, k).toBeLessThanOrEqual(31 * 86400)
    }
  })

  it('caps one chat at its limit', async () => {
    const settings = { days: 30, timeZone: 'Asia/Shanghai', limits: { perChat: 50, maxChats: 5, unanswered: 20 } }
    const now = Date.now()
    for (let i = 0; i < 60; i++) {
      await recordQuestion(store, { platform: 'feishu', chatId: 'oc_cap', chatType: 'group', senderId: 'ou_x' }, `问题${i}`, { intent: 'help', score: 1, candidates: [] }, settings, now + i)
    }
    const kept = await redis.zrevrange(`${prefix}qlog:chat:feishu:oc_cap`, 0, -1)
    expect(kept).toHaveLength(50)
    expect(JSON.parse(kept[0]!).text).toBe('问题59')
  })
})
