// Replays: a correctly signed request whose signed timestamp is older than the de-duplication window (8 h), or
// more than 5 minutes ahead of our clock, is refused on both platforms, answered by nobody, and logged once a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { timestampProblem } from '../../src/platforms/dedupe'
import type { Store } from '../../src/store/store'
import { testApp } from '../helpers/app'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, feishuRequest, textMessage, uid } from '../helpers/feishu'
import { prefixedRedisStore, testPrefix } from '../helpers/redis-test-store'
import { buildWecomRequest, recordingFetch, textCallback } from './wecom/fixtures'

const prefix = testPrefix('freshness')
let store: Store
let api: FakeOpenApi
const wecomOut = recordingFetch()
const now = Date.now()
const secondsAgo = (s: number) => Math.floor(now / 1000) - s

beforeAll(async () => {
  store = prefixedRedisStore(prefix)
  api = new FakeOpenApi(BOT)
  await api.start()
})
afterAll(async () => {
  await api.stop()
  await store.close()
})

const app = () => testApp({ store, apiBase: api.url, fetch: wecomOut.fetch, now: () => now })

describe('timestampProblem', () => {
  it('accepts the de-duplication window and 5 minutes of clock skew, nothing beyond', () => {
    expect(timestampProblem(String(secondsAgo(8 * 3600 - 5)), now)).toBeNull()
    expect(timestampProblem(String(secondsAgo(-290)), now)).toBeNull()
    expect(timestampProblem(String(secondsAgo(8 * 3600 + 5)), now)).toMatch(/older than the 8 h/)
    expect(timestampProblem(String(secondsAgo(-400)), now)).toMatch(/in the future/)
    expect(timestampProblem('yesterday', now)).toMatch(/not a number/)
  })
})

describe('Feishu replays', () => {
  for (const [name, age] of [['a day', 86_400], ['a year', 365 * 86_400], ['8 h and a minute', 8 * 3600 + 60]] as const) {
    it(`answers 401 and never replies to a signed question from ${name} ago`, async () => {
      const t = app()
      const messageId = uid('om')
      const res = await t.send(await feishuRequest(textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId }), { timestamp: secondsAgo(age) }))
      expect(res.status).toBe(401)
      expect(api.sent('reply').filter((c) => c.path.includes(messageId))).toHaveLength(0)
      expect(t.logs.some((l) => l.includes('401 timestamp') && l.includes('older than'))).toBe(true)
    })
  }

  it('answers 401 for a timestamp 10 minutes in the future', async () => {
    const res = await app().send(await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') }), { timestamp: secondsAgo(-600) }))
    expect(res.status).toBe(401)
  })

  it('still answers a redelivery 7 hours late (Feishu retries for about 7.1 h) exactly once', async () => {
    const t = app()
    const messageId = uid('om')
    const payload = textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId })
    expect((await t.send(await feishuRequest(payload, { timestamp: secondsAgo(7 * 3600) }))).status).toBe(200)
    expect((await t.send(await feishuRequest(payload))).status).toBe(200)
    expect(api.sent('reply').filter((c) => c.path.includes(messageId))).toHaveLength(1)
  })

  it('logs a flood of replays once a minute, counting the rest', async () => {
    const t = app()
    for (let i = 0; i < 30; i++) await t.send(await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') }), { timestamp: secondsAgo(86_400) }))
    expect(t.logs.filter((l) => l.includes('401 timestamp'))).toHaveLength(1)
    expect(t.rejections.totals()['webhook feishu 401 timestamp']).toBe(30)
  })
})

describe('WeCom replays', () => {
  it('answers 401 and never replies to a signed callback from a day ago', async () => {
    const t = app()
    const res = await t.send(await buildWecomRequest(textCallback('新号怎么起步'), undefined, { timestamp: String(secondsAgo(86_400)) }))
    expect(res.status).toBe(401)
    expect(await res.text()).not.toContain('encrypt')
    expect(t.logs.some((l) => l.includes('webhook wecom 401 timestamp'))).toBe(true)
  })

  it('answers 401 for a timestamp 10 minutes in the future, and answers a fresh one', async () => {
    const t = app()
    expect((await t.send(await buildWecomRequest(textCallback('hi'), undefined, { timestamp: String(secondsAgo(-600)) }))).status).toBe(401)
    const fresh = await t.send(await buildWecomRequest(textCallback('新号怎么起步')))
    expect(fresh.status).toBe(200)
    expect(await fresh.text()).toContain('encrypt')
  })
})
