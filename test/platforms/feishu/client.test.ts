// The Feishu Open API client on fetch, against the fake Open API over loopback: the token cache, and how each kind of
// answer is classed (what the retry loop and the outbox then do with it is in test/platforms/delivery.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { SendError } from '../../../src/bot/send-error'
import { createFeishuClient } from '../../../src/platforms/feishu/client'
import { keepTokenMs, REFUSAL_KEEP_MS } from '../../../src/platforms/feishu/token'
import { isRetryable } from '../../../src/platforms/retry'
import { FakeOpenApi } from '../../helpers/fake-open-api'
import { BOT } from '../../helpers/feishu'

const api = new FakeOpenApi(BOT)
beforeAll(() => api.start())
afterAll(() => api.stop())
afterEach(() => {
  api.clearScripts()
  vi.useRealTimers()
})

const client = (timeoutMs = 2000) => createFeishuClient({ appId: 'cli_test', appSecret: 'secret_test', apiBase: api.url, timeoutMs, log: () => {} })
const card = { schema: '2.0', body: { elements: [] } }
let n = 0
const reply = (c: ReturnType<typeof client>, signal?: AbortSignal) => c.replyCard(`om_client_${++n}`, card, `r-${n}`, signal)
/** The SendError a call rejected with. */
async function failure(p: Promise<unknown>): Promise<SendError> {
  const err = await p.then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(SendError)
  return err as SendError
}
const replyAuths = (from: number) => api.calls.slice(from).filter((c) => c.path.endsWith('/reply')).map((c) => c.auth)

describe('the tenant token', () => {
  it('is requested once for two replies on one client', async () => {
    const tokens = api.tokenRequests(), from = api.calls.length
    const c = client()
    await reply(c)
    await reply(c)
    expect(api.tokenRequests() - tokens).toBe(1)
    const auths = replyAuths(from)
    expect(auths).toHaveLength(2)
    expect(auths[0]).toMatch(/^Bearer t-fake-\d+$/)
    expect(auths[1]).toBe(auths[0])
  })

  for (const [name, expire] of [['a missing expire', undefined], ['an expire under the 3-minute margin', 60]] as const) {
    it(`is cached after ${name}, and fetched again once the kept time has passed`, async () => {
      vi.useFakeTimers({ toFake: ['Date'] })
      api.script('/tenant_access_token/internal', { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: 't-short', expire } })
      const tokens = api.tokenRequests(), from = api.calls.length
      const c = client()
      await reply(c)
      await reply(c)
      expect(api.tokenRequests() - tokens).toBe(1)
      expect(replyAuths(from)).toEqual(['Bearer t-short', 'Bearer t-short'])
      vi.setSystemTime(Date.now() + keepTokenMs(expire) + 1000)
      await reply(c)
      expect(api.tokenRequests() - tokens).toBe(2)
      expect(replyAuths(from)[2]).not.toBe('Bearer t-short')
    })
  }

  it('keeps a token 3 minutes less than its expire, 7200 s when unsaid, and at least a minute', () => {
    expect(keepTokenMs(7200)).toBe(7020_000)
    expect(keepTokenMs(undefined)).toBe(7020_000)
    expect(keepTokenMs('nonsense')).toBe(7020_000)
    expect(keepTokenMs(0)).toBe(7020_000)
    expect(keepTokenMs(60)).toBe(60_000)
    expect(keepTokenMs(200)).toBe(60_000)
    expect(keepTokenMs(600)).toBe(420_000)
  })

  it('is dropped on an expired-token code, and the next try fetches one new token', async () => {
    const c = client()
    await reply(c)
    const tokens = api.tokenRequests(), from = api.calls.length
    api.script('/reply$', { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization' } })
    const err = await failure(reply(c))
    expect([err.kind, err.code]).toEqual(['unavailable', 99991663])
    await reply(c)
    await reply(c)
    expect(api.tokenRequests() - tokens).toBe(1)
    const auths = replyAuths(from)
    expect(auths[1]).not.toBe(auths[0])
    expect(auths[2]).toBe(auths[1])
  })

  it('refused (HTTP 200, non-zero code) is a failed send with the code, not retried and no message sent', async () => {
    api.script('/tenant_access_token/internal', { status: 200, body: { code: 10014, msg: 'app secret invalid' } })
    const from = api.calls.length
    const err = await failure(reply(client()))
    expect([err.kind, err.code]).toEqual(['failed', 10014])
    expect(err.message).toMatch(/code 10014 .*app secret invalid/)
    expect(isRetryable(err)).toBe(false)
    expect(replyAuths(from)).toHaveLength(0)
  })

  it('refused is remembered for a minute: one token request for several failed sends, then asked again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    api.script('/tenant_access_token/internal', { status: 200, body: { code: 10014, msg: 'app secret invalid' } })
    const tokens = api.tokenRequests(), from = api.calls.length
    const c = client()
    for (let i = 0; i < 3; i++) expect((await failure(reply(c))).code).toBe(10014)
    expect(await c.botOpenId()).toBeNull()
    expect(api.tokenRequests() - tokens).toBe(1)
    vi.setSystemTime(Date.now() + REFUSAL_KEEP_MS + 1000)
    await reply(c)
    expect(api.tokenRequests() - tokens).toBe(2)
    expect(replyAuths(from)).toHaveLength(1)
  })

  for (const [name, fault, kind] of [
    ['an HTTP 500', () => api.script('/tenant_access_token/internal', { status: 500, body: { code: 500, msg: 'down' } }), 'unavailable'],
    ['an HTTP 429', () => api.script('/tenant_access_token/internal', { status: 429, body: { code: 99991400, msg: 'limit' } }), 'rate-limited'],
    ['a rate-limit code at HTTP 200', () => api.script('/tenant_access_token/internal', { status: 200, body: { code: 99991400, msg: 'limit' } }), 'rate-limited'],
    ['a reset connection', () => api.fault('/tenant_access_token/internal', 'reset'), 'unavailable'],
    ['an HTML page at HTTP 200', () => api.script('/tenant_access_token/internal', { status: 200, body: null, raw: '<html>gateway</html>' }), 'unavailable'],
  ] as const) {
    it(`request that fails with ${name} stays retryable (${kind})`, async () => {
      fault()
      const c = client()
      const err = await failure(reply(c))
      expect(err.kind).toBe(kind)
      expect(isRetryable(err)).toBe(true)
      await reply(c)
    })
  }
})

describe('a 2xx answer without a numeric code', () => {
  for (const [name, raw] of [['an HTML page', '<html><body>502 Bad Gateway</body></html>'], ['an empty body', '']] as const) {
    it(`(${name}) is not counted as sent: unavailable, so it is retried`, async () => {
      api.script('/reply$', { status: 200, body: null, raw })
      const err = await failure(reply(client()))
      expect([err.kind, err.code]).toEqual(['unavailable', -1])
      expect(err.message).toMatch(/no code in a 2xx answer/)
    })
  }
})

describe("the caller's abort signal", () => {
  it('ends an attempt waiting on a hung token request at once, without waiting for the timeout', async () => {
    api.fault('/tenant_access_token/internal', 'hang')
    const c = client(30_000)
    const stop = new AbortController()
    const attempt = failure(reply(c, stop.signal))
    await vi.waitFor(() => expect(api.calls.at(-1)?.path).toMatch(/tenant_access_token/))
    let settled = false
    void attempt.then(() => (settled = true))
    await new Promise((r) => setTimeout(r, 50))
    expect(settled).toBe(false)
    stop.abort()
    const err = await attempt
    expect(err.kind).toBe('unavailable')
    expect(err.message).toMatch(/abort/i)
  })
})
