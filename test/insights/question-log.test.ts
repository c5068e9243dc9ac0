import { describe, expect, it } from 'vitest'
import { LOG_LIMITS, computeStats, findQuestion, listQuestions, recordQuestion, recordVote } from '../../src/insights'
import { MemoryStore } from '../../src/store/memory'

const DAY = 86_400_000
const settings = { days: 30, timeZone: 'Asia/Shanghai' }
const T0 = Date.parse('2025-03-10T04:00:00Z') // noon in Shanghai

function clock(start = T0) {
  const c = { t: start, now: () => c.t }
  return c
}

const msg = (chatId: string, senderId = 'ou_a') => ({ platform: 'feishu' as const, chatId, chatType: 'group' as const, senderId })
const answered = (intent: string) => ({ intent, score: 0.7, candidates: [intent] })
const fallback = { intent: null, score: 0.1, reason: 'low score', candidates: ['new-account', 'content-style'] }

describe('question log', () => {
  it('keeps what was asked and decided, never the sender id, and the text cut to 200 characters', async () => {
    const store = new MemoryStore()
    const id = await recordQuestion(store, msg('oc_1', 'ou_secret_person'), `${'问'.repeat(250)}`, fallback, settings, T0)
    const [entry] = await listQuestions(store, { limit: 10, now: T0 })
    expect(entry).toMatchObject({ id, at: T0, platform: 'feishu', chatId: 'oc_1', intent: null, score: 0.1, reason: 'low score', candidates: ['new-account', 'content-style'] })
    expect([...entry!.text]).toHaveLength(200)
    expect(entry).not.toHaveProperty('asker') // counted in stats, never shown
    const stored = await store.zrevrange('qlog:chat:feishu:oc_1', 0, -1)
    expect(stored[0]).not.toContain('ou_secret_person')
    expect(JSON.parse(stored[0]!).asker).toMatch(/^[0-9a-f]{16}$/)
  })

  it('logs nothing when QUESTION_LOG_DAYS is 0', async () => {
    const store = new MemoryStore()
    expect(await recordQuestion(store, msg('oc_1'), '新号怎么起步', answered('new-account'), { ...settings, days: 0 }, T0)).toBeNull()
    expect(await listQuestions(store, { limit: 10 })).toEqual([])
  })

  it('lists newest first, filters unanswered and by intent, across chats', async () => {
    const store = new MemoryStore()
    await recordQuestion(store, msg('oc_1'), '新号怎么起步', answered('new-account'), settings, T0)
    await recordQuestion(store, msg('oc_2'), '相机选哪个', fallback, settings, T0 + 1000)
    await recordQuestion(store, msg('oc_1'), '关键词放哪', answered('keyword-layout'), settings, T0 + 2000)
    expect((await listQuestions(store, { limit: 10, now: T0 + 3000 })).map((e) => e.text)).toEqual(['关键词放哪', '相机选哪个', '新号怎么起步'])
    expect((await listQuestions(store, { limit: 10, unanswered: true })).map((e) => e.text)).toEqual(['相机选哪个'])
    expect((await listQuestions(store, { limit: 10, intent: 'new-account' })).map((e) => e.text)).toEqual(['新号怎么起步'])
    expect((await listQuestions(store, { limit: 1, platform: 'feishu', chatId: 'oc_1' })).map((e) => e.text)).toEqual(['关键词放哪'])
  })

  it('links a vote to the question it answers, and ignores ids from another chat or for another topic', async () => {
    const store = new MemoryStore()
    const id = (await recordQuestion(store, msg('oc_1'), '新号怎么起步', answered('new-account'), settings, T0))!
    expect(await recordVote(store, msg('oc_2'), id, 'new-account', 'up', settings)).toBe(false)
    expect(await recordVote(store, msg('oc_1'), id, 'keyword-layout', 'up', settings)).toBe(false)
    expect(await recordVote(store, msg('oc_1'), 'not an id!', 'new-account', 'up', settings)).toBe(false)
    expect(await recordVote(store, msg('oc_1'), id, 'new-account', 'down', settings)).toBe(true)
    expect((await findQuestion(store, 'feishu', 'oc_1', id))?.text).toBe('新号怎么起步')
    const [entry] = await listQuestions(store, { limit: 5, downvoted: true })
    expect(entry?.votes).toEqual({ up: 0, down: 1 })
  })

  it('counts a chat and all chats over the last days: questions, answered share, fallbacks, votes, topics, unanswered, people', async () => {
    const store = new MemoryStore()
    const q1 = (await recordQuestion(store, msg('oc_1', 'ou_a'), '新号怎么起步', answered('new-account'), settings, T0))!
    await recordQuestion(store, msg('oc_1', 'ou_b'), '新号怎么起步呀', answered('new-account'), settings, T0 + 1)
    await recordQuestion(store, msg('oc_1', 'ou_a'), '相机选哪个？', fallback, settings, T0 + 2)
    await recordQuestion(store, msg('oc_1', 'ou_b'), '相机选哪个', fallback, settings, T0 + 3)
    await recordQuestion(store, msg('oc_2', 'ou_c'), '关键词放哪', answered('keyword-layout'), settings, T0 + 4)
    await recordQuestion(store, msg('oc_1', 'ou_a'), '十天前的问题', fallback, settings, T0 - 10 * DAY)
    await recordVote(store, msg('oc_1'), q1, 'new-account', 'up', settings)
    const chat = await computeStats(store, { platform: 'feishu', chatId: 'oc_1', days: 7, timeZone: settings.timeZone, now: T0 + 10 })
    expect(chat).toMatchObject({ scope: 'chat', questions: 4, answered: 2, unanswered: 2, answeredShare: 0.5, up: 1, down: 0, askers: 2 })
    expect(chat.topTopics).toEqual([{ intent: 'new-account', count: 2 }])
    expect(chat.topUnanswered).toEqual([{ text: '相机选哪个', count: 2 }])
    const all = await computeStats(store, { days: 7, timeZone: settings.timeZone, now: T0 + 10 })
    expect(all).toMatchObject({ scope: 'all', questions: 5, answered: 3, unanswered: 2, up: 1, down: 0 })
    expect(all.topTopics).toEqual([{ intent: 'new-account', count: 2 }, { intent: 'keyword-layout', count: 1 }])
    expect(all.topUnanswered[0]).toEqual({ text: '相机选哪个', count: 2 })
  })
})

describe('question log bounds', () => {
  // The caps are configured small so the flood overruns each of them many times over in a fraction of a second;
  // the production caps are the same code with bigger numbers (their defaults are checked below).
  it('leaves 2,000 questions from 50 chats within the caps, and nothing after QUESTION_LOG_DAYS', async () => {
    const c = clock()
    const store = new MemoryStore({ now: c.now })
    const limits = { perChat: 10, maxChats: 5, unanswered: 10 }
    for (let i = 0; i < 2_000; i++) {
      c.t = T0 + i * 1_000_000 // 2,000 questions over ~23 days
      const chat = `oc_${(i * 7919) % 50}`
      await recordQuestion(store, msg(chat, `ou_${i % 150}`), `第${i}个问题`, i % 4 ? answered('new-account') : fallback, { ...settings, limits }, c.t)
    }
    const entries = await listQuestions(store, { limit: 1_000_000, now: c.t })
    const chats = new Set(entries.map((e) => e.chatId))
    expect(chats.size).toBeLessThanOrEqual(5)
    expect(entries.length).toBeLessThanOrEqual(5 * 10)
    expect(entries.length).toBeGreaterThan(0)
    // the chats kept are the most recently active ones, each keeping its newest questions
    expect(entries[0]!.text).toBe('第1999个问题')
    expect((await listQuestions(store, { limit: 1_000_000, unanswered: true })).length).toBeLessThanOrEqual(10)
    const keys = () => (store as unknown as { data: Map<string, unknown> }).data
    const before = keys().size
    expect(before).toBeLessThanOrEqual(1 + 1 + 1 + 5 + 31) // salt, chat index, unanswered, chat logs, day counters
    c.t += 31 * DAY
    expect(await listQuestions(store, { limit: 10, now: c.t })).toEqual([])
    expect((await computeStats(store, { days: 30, timeZone: settings.timeZone, now: c.t })).questions).toBe(0)
    for (const k of [...keys().keys()]) await store.get(k) // touching expires
    expect([...keys().keys()]).toEqual(['qlog:salt'])
  })

  it('applies the production caps when none are configured: 500 per chat, 200 chats', async () => {
    expect(LOG_LIMITS).toEqual({ perChat: 500, maxChats: 200, unanswered: 500 })
    const store = new MemoryStore()
    for (let i = 0; i < 510; i++) await recordQuestion(store, msg('oc_busy'), `第${i}个问题`, answered('new-account'), settings, T0 + i)
    for (let i = 0; i < 205; i++) await recordQuestion(store, msg(`oc_${i}`), '新号怎么起步', answered('new-account'), settings, T0 + 1000 + i)
    expect(await store.zrevrange('qlog:chat:feishu:oc_busy', 0, -1)).toEqual([]) // the quietest chat made room
    expect(await store.zrevrange('qlog:chats', 0, -1)).toHaveLength(200)
    const one = new MemoryStore()
    for (let i = 0; i < 510; i++) await recordQuestion(one, msg('oc_busy'), `第${i}个问题`, answered('new-account'), settings, T0 + i)
    const kept = await one.zrevrange('qlog:chat:feishu:oc_busy', 0, -1)
    expect(kept).toHaveLength(500)
    expect(JSON.parse(kept[0]!).text).toBe('第509个问题')
  })
})
