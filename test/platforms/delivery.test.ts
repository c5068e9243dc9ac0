// The reply path after the ack, through the real app against the fake Open API and real Redis: timeouts, retries
// under one idempotency key, the durable outbox, and giving up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBot } from '../../src/app'
import { loadConfig } from '../../src/config'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { feishuApiFromConfig } from '../../src/platforms/feishu/client'
import { Outbox, outboxId, type OutboxEntry } from '../../src/platforms/outbox'
import { realClock, type Clock } from '../../src/platforms/retry'
import type { DeliveryTiming } from '../../src/platforms/timing'
import type { Store } from '../../src/store/store'
import { testApp } from '../helpers/app'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, ENCRYPT_KEY, TOKEN, feishuRequest, textMessage, uid } from '../helpers/feishu'
import { prefixedRedisStore, testPrefix } from '../helpers/redis-test-store'
import { buildWecomRequest, buttonCallback, recordingFetch, textCallback } from './wecom/fixtures'

const prefix = testPrefix('delivery')
let store: Store
let api: FakeOpenApi
let outbox: Outbox

beforeAll(async () => {
  store = prefixedRedisStore(prefix)
  outbox = new Outbox(store)
  api = new FakeOpenApi(BOT)
  await api.start()
})
afterAll(async () => {
  await api.stop()
  await store.close()
})

// Retries happen at once (the waits are recorded, not slept); a hung call is cut after 200 ms of real time.
const timing: Partial<DeliveryTiming> = { attemptTimeoutMs: 200, retryBudgetMs: 5000 }
const noWait = (shift = 0): Clock => ({ ...realClock, now: () => Date.now() + shift, sleep: async () => {} })

function app(opts: { shift?: number; stop?: AbortSignal; fetch?: typeof fetch } = {}) {
  return testApp({ store, apiBase: api.url, timing, clock: noWait(opts.shift), fetch: opts.fetch, env: { RATE_LIMIT_PER_MINUTE: '1000' } })
}

/** The drain as an entry runs it, `shift` ms in the future. */
function drain(shift = 0, fetch?: typeof globalThis.fetch) {
  const config = loadConfig({ FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret_test', FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_API_BASE: api.url })
  const logs: string[] = []
  const { drainOutbox: run } = createBot({
    config,
    knowledge: loadKnowledge(),
    feishuApi: feishuApiFromConfig(config, { log: () => {}, timeoutMs: 200 }),
    log: (m) => void logs.push(m),
    timing,
    clock: noWait(shift),
    fetch,
    openStore: () => ({ store, release: async () => {} }),
  })
  return { run: () => run(store), logs }
}

const repliesTo = (messageId: string) => api.sent('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`)
/** Replies Feishu would show: one per uuid that was answered 200. */
const ask = async (t: ReturnType<typeof app>, messageId = uid('om')) => {
  const res = await t.send(await feishuRequest(textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId })))
  expect(res.status).toBe(200)
  return messageId
}
const inOutbox = async (messageId: string) => (await outbox.entries()).find((e) => e.target.messageId === messageId)

/** A p2p question's outbox entry, written a minute ago and due now, its window open for another 50 minutes. */
function dueEntry(messageId: string, attempts: number): OutboxEntry {
  const now = Date.now()
  return {
    target: { platform: 'feishu', messageId, address: messageId, idempotencyKey: `r-${messageId}`, chatType: 'p2p' },
    msg: { platform: 'feishu', chatId: uid('oc'), chatType: 'p2p', messageId, senderId: 'ou_user_1', text: '直播带货还能做吗', mentionsBot: false },
    createdAt: now - 60_000,
    closesAt: now + 3_000_000,
    nextAt: now - 1000,
    attempts,
  }
}

describe('retries under one idempotency key', () => {
  for (const [name, fault, replyCalls] of [
    ['an HTTP 500', () => api.script('/reply$', { status: 500, body: { code: 500, msg: 'internal error' } }), 2],
    ['a reset connection', () => api.fault('/reply$', 'reset'), 2],
    ['a call that hangs (cut by the timeout)', () => api.fault('/reply$', 'hang'), 2],
    ['an expired token (99991663)', () => api.script('/reply$', { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization' } }), 2],
    ['a failed token request', () => api.script('/tenant_access_token/internal', { status: 500, body: { code: 500, msg: 'token service down' } }), 1],
  ] as const) {
    it(`delivers the reply after ${name}, with the same uuid every try`, async () => {
      const tokensBefore = api.tokenRequests()
      fault()
      const messageId = await ask(app())
      const tries = repliesTo(messageId)
      expect(tries).toHaveLength(replyCalls)
      expect(new Set(tries.map((c) => c.body.uuid))).toEqual(new Set([`r-${messageId}`]))
      expect(api.tokenRequests() - tokensBefore).toBe(name.includes('token') ? 2 : 1)
      expect(await inOutbox(messageId)).toBeUndefined()
    })
  }
})

describe('the outbox', () => {
  it('keeps a reply a 429 puts past the request\'s budget, and the drain sends it once the reset has passed', async () => {
    api.script('/reply$', { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '30' } })
    const before = await outbox.counts()
    const messageId = await ask(app())
    expect(repliesTo(messageId)).toHaveLength(1)
    const kept = await inOutbox(messageId)
    expect(kept?.reply?.title).toBeTruthy()
    expect((await outbox.counts()).queued).toBe(before.queued + 1)

    expect((await drain(10_000).run()).sent).toBe(0) // not yet: Feishu asked for 30 s
    const report = await drain(31_000).run()
    expect(report.sent).toBe(1)
    const tries = repliesTo(messageId)
    expect(tries).toHaveLength(2)
    expect(tries[1]!.body.uuid).toBe(tries[0]!.body.uuid)
    expect(await inOutbox(messageId)).toBeUndefined()
    expect((await outbox.counts())['sent-late']).toBe(before['sent-late'] + 1)
  })

  it('produces and sends the reply of a message whose process died before answering', async () => {
    const messageId = uid('om')
    const orphan = dueEntry(messageId, 0)
    await outbox.put(orphan)
    expect((await drain().run()).sent).toBeGreaterThanOrEqual(1)
    const [reply] = repliesTo(messageId)
    expect(JSON.stringify(JSON.parse(reply!.body.content))).toContain(loadKnowledge().byId.get('live-commerce')!.title)
    expect(await inOutbox(messageId)).toBeUndefined()
  })

  it('does not send again an entry another instance already finished, when a copy of it is written back', async () => {
    const messageId = uid('om')
    const now = Date.now()
    const sentElsewhere = dueEntry(messageId, 1)
    // Another instance's drain sent it and marked it finished; a process's copy of it lands in the store after.
    await outbox.finish(outboxId(sentElsewhere.target), sentElsewhere.closesAt, now)
    await outbox.put(sentElsewhere)
    await drain().run()
    expect(repliesTo(messageId)).toHaveLength(0)
    expect(await inOutbox(messageId)).toBeUndefined()
  })

  it('lets only one of two drains running at once send an entry', async () => {
    api.script('/reply$', { status: 429, body: { code: 99991400, msg: 'limit' }, headers: { 'x-ogw-ratelimit-reset': '30' } })
    const messageId = await ask(app())
    const [a, b] = await Promise.all([drain(31_000).run(), drain(31_000).run()])
    expect(a.sent + b.sent).toBe(1)
    expect(repliesTo(messageId)).toHaveLength(2)
  })

  it('hands a reply still being retried to the outbox at once when the process stops, for another to send', async () => {
    const stop = new AbortController()
    api.script('/reply$', { status: 503, body: { code: 503, msg: 'unavailable' } })
    // The stop arrives while the reply waits to retry.
    const t = testApp({ store, apiBase: api.url, timing, stop: stop.signal, clock: { ...realClock, sleep: async () => void stop.abort() } })
    const messageId = await ask(t)
    expect(repliesTo(messageId)).toHaveLength(1)
    const kept = await inOutbox(messageId)
    expect(kept?.reply).toBeTruthy()
    expect(kept!.nextAt).toBeLessThanOrEqual(Date.now())
    expect((await drain().run()).sent).toBeGreaterThanOrEqual(1)
    expect(repliesTo(messageId)).toHaveLength(2)
    expect(await inOutbox(messageId)).toBeUndefined()
  })
})

describe('giving up', () => {
  it('logs a reply the platform refuses for good with its message id, and counts it', async () => {
    api.script('/reply$', { status: 400, body: { code: 230011, msg: 'message recalled' } })
    const before = await outbox.counts()
    const t = app()
    const messageId = await ask(t)
    expect(repliesTo(messageId)).toHaveLength(1)
    expect(t.logs.some((l) => l.includes('reply given up') && l.includes(messageId) && l.includes('230011'))).toBe(true)
    expect((await outbox.counts())['given-up']).toBe(before['given-up'] + 1)
    expect(await inOutbox(messageId)).toBeUndefined()
  })

  it('gives up at once on a refused token (wrong app secret), logging its code once, instead of retrying for the window', async () => {
    // The bot-info call (is the bot @-mentioned?) asks for the token first; the reply is refused from the remembered
    // refusal, without a second token request.
    api.script('/tenant_access_token/internal', { status: 200, body: { code: 10014, msg: 'app secret invalid' } })
    const tokensBefore = api.tokenRequests()
    const before = await outbox.counts()
    const t = app()
    const messageId = await ask(t)
    expect(api.tokenRequests() - tokensBefore).toBe(1)
    expect(repliesTo(messageId)).toHaveLength(0)
    expect(t.logs.filter((l) => l.includes(messageId) && l.includes('10014'))).toHaveLength(1)
    expect(t.logs.some((l) => l.includes('reply given up') && l.includes(messageId) && l.includes('app secret invalid'))).toBe(true)
    expect((await outbox.counts())['given-up']).toBe(before['given-up'] + 1)
    expect(await inOutbox(messageId)).toBeUndefined()
  })

  it('retries a reply answered 200 with an HTML page instead of counting it sent, and sends it on the next try', async () => {
    api.script('/reply$', { status: 200, body: null, raw: '<html><body>upstream error</body></html>' })
    const messageId = await ask(app())
    expect(repliesTo(messageId)).toHaveLength(2)
    expect(await inOutbox(messageId)).toBeUndefined()
  })

  it('gives up on an entry whose window has closed instead of risking a second post', async () => {
    api.script('/reply$', { status: 429, body: { code: 99991400, msg: 'limit' }, headers: { 'x-ogw-ratelimit-reset': '30' } })
    const messageId = await ask(app())
    const before = await outbox.counts()
    const d = drain(56 * 60_000)
    expect((await d.run()).givenUp).toBeGreaterThanOrEqual(1)
    expect(repliesTo(messageId)).toHaveLength(1)
    expect(d.logs.some((l) => l.includes('reply given up') && l.includes(messageId) && l.includes('window closed'))).toBe(true)
    expect((await outbox.counts())['given-up']).toBeGreaterThan(before['given-up'])
  })
})

describe('WeCom response_url', () => {
  it('retries a 5xx and errcode -1 and posts the answer once', async () => {
    let calls = 0
    const rec = recordingFetch(() => {
      calls++
      if (calls === 1) return new Response('bad gateway', { status: 502 })
      if (calls === 2) return Response.json({ errcode: -1, errmsg: 'system busy' })
      return Response.json({ errcode: 0, errmsg: 'ok' })
    })
    const t = app({ fetch: rec.fetch })
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RETRY'
    const msgId = uid('evt')
    await t.send(await buildWecomRequest(buttonCallback('a:new-account', { userId: uid('u'), responseUrl: url, msgId })))
    expect(rec.calls.map((c) => c.url)).toEqual([url, url, url])
    expect(await inOutbox(msgId)).toBeUndefined()
  })
})

describe('a dispatch that fails', () => {
  it('leaves a WeCom message in the outbox instead of answering nothing, and the drain answers it through response_url', async () => {
    let failures = 1
    // The store refuses the first write of the message's dispatch (its rate counter), as a broken Redis might.
    const flaky = new Proxy(store, {
      get(target, prop) {
        if (prop === 'incr' && failures-- > 0) return async () => Promise.reject(new Error('store refused the write'))
        const value = Reflect.get(target, prop) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const rec = recordingFetch()
    const t = testApp({ store: flaky, apiBase: api.url, timing, clock: noWait(), fetch: rec.fetch })
    const msgId = uid('wx')
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=AFTER_FAILURE'
    const res = await t.send(await buildWecomRequest(textCallback('新号怎么起步', { msgId, responseUrl: url })))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(rec.calls).toHaveLength(0)
    const kept = await inOutbox(msgId)
    expect(kept?.msg?.text).toBe('新号怎么起步')

    expect((await drain(60_000, rec.fetch).run()).sent).toBe(1)
    expect(rec.calls.map((c) => c.url)).toEqual([url])
    expect(await inOutbox(msgId)).toBeUndefined()
  })
})
