// De-duplication across a Redis outage: a message claimed in Redis before the outage and redelivered during it
// must not be answered twice. Uses a redis-server of its own (in TEST_REDIS_PORTS when set) so it can be killed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { RecentClaims } from '../../src/platforms/dedupe'
import { createStore } from '../../src/store'
import type { Store } from '../../src/store/store'
import { testApp } from '../helpers/app'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, feishuRequest, textMessage, uid } from '../helpers/feishu'
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from '../helpers/redis-server-process'
import { buildWecomRequest, recordingFetch, textCallback } from './wecom/fixtures'

let redis: ChildProcess | undefined
let store: Store
let api: FakeOpenApi

beforeAll(async () => {
  api = new FakeOpenApi(BOT)
  await api.start()
  if (!hasRedisServer) return
  const port = await freePort()
  redis = await startRedisServer(port)
  store = createStore({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'dedupe-test:' }, { failover: { timeoutMs: 300, log: () => {} } }).store
})
afterAll(async () => {
  await api.stop()
  await store?.close()
  if (redis) await stopRedisServer(redis)
})

describe('RecentClaims', () => {
  it('remembers claims for the de-duplication window, and only the newest ones when full', () => {
    let t = 0
    const recent = new RecentClaims(3, () => t)
    for (const k of ['a', 'b', 'c', 'd']) recent.add(k)
    expect(['a', 'b', 'c', 'd'].map((k) => recent.has(k))).toEqual([false, true, true, true])
    t = 8 * 3600 * 1000 + 1
    expect(recent.has('d')).toBe(false)
  })
})

describe.skipIf(!hasRedisServer)('a redelivery while Redis is down', () => {
  it('is not answered again (Feishu and WeCom), though the first claim is in the Redis that went away', async () => {
    const t = testApp({ store, apiBase: api.url, env: { RATE_LIMIT_PER_MINUTE: '1000' } })
    const messageId = uid('om')
    const feishu = textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId })
    const wecom = textCallback('新号怎么起步', { msgId: uid('wx') })
    expect((await t.send(await feishuRequest(feishu))).status).toBe(200)
    expect(await (await t.send(await buildWecomRequest(wecom))).text()).toContain('encrypt')

    await stopRedisServer(redis!)
    redis = undefined
    const again = [await t.send(await feishuRequest(feishu)), await t.send(await buildWecomRequest(wecom))]
    expect(again.map((r) => r.status)).toEqual([200, 200])
    expect(await again[1]!.text()).toBe('')
    expect(api.sent('reply').filter((c) => c.path.includes(messageId))).toHaveLength(1)
  })

  it('answers a new WeCom message through its single-use response_url, not in the response another instance might also give', async () => {
    if (redis) await stopRedisServer(redis)
    redis = undefined
    const rec = recordingFetch()
    const t = testApp({ store, apiBase: api.url, fetch: rec.fetch, env: { RATE_LIMIT_PER_MINUTE: '1000' } })
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=DOWN'
    const res = await t.send(await buildWecomRequest(textCallback('新号怎么起步', { msgId: uid('wx'), responseUrl: url })))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(rec.calls.map((c) => c.url)).toEqual([url])
  })
})
