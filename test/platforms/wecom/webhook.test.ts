// /webhook/wecom through the real app against real Redis, with the bot's handlers replaced by fixed replies so
// each test pins one protocol behaviour. test/platforms/wecom/app.test.ts runs the real handlers.
import { afterAll, describe, expect, it } from 'vitest'
import type { Handler } from '../../../src/bot/handler'
import type { InboundMessage } from '../../../src/bot/message'
import type { Reply } from '../../../src/bot/reply'
import { decodeButtonKey } from '../../../src/platforms/wecom/button-key'
import type { Store } from '../../../src/store/store'
import { testApp } from '../../helpers/app'
import { testCtx } from '../../helpers/feishu'
import { prefixedRedisStore, testPrefix } from '../../helpers/redis-test-store'
import {
  buildWecomRequest,
  buildWecomVerifyRequest,
  buttonCallback,
  openWecomReply,
  recordingFetch,
  textCallback,
  WECOM_AES_KEY,
  WECOM_PATH,
  WECOM_TOKEN,
} from './fixtures'
import { answerReply, buttonsReply } from './sample-replies'
import { WV2, WV4 } from './vectors'

const prefix = testPrefix('wecom-webhook')
const store: Store = prefixedRedisStore(prefix)

afterAll(async () => {
  await store.close()
})

type Answer = Reply | null | ((msg: InboundMessage) => Promise<Reply | null>)

/** The app with one handler that records what it saw and answers `answer`. */
function harness(answer: Answer, opts: { env?: Record<string, string>; now?: () => number; answerInResponseMs?: number } = {}) {
  const seen: InboundMessage[] = []
  const handler: Handler = async (ctx) => {
    seen.push(ctx.msg)
    return typeof answer === 'function' ? answer(ctx.msg) : answer
  }
  const rec = recordingFetch()
  const t = testApp({
    store,
    apiBase: 'http://127.0.0.1:9',
    handlers: [handler],
    fetch: rec.fetch,
    env: { RATE_LIMIT_PER_MINUTE: '1000', ...opts.env },
    now: opts.now,
    timing: opts.answerInResponseMs ? { answerInResponseMs: opts.answerInResponseMs } : undefined,
  })
  return { ...t, seen, fetchCalls: rec.calls }
}

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error

describe('GET /webhook/wecom (URL verification)', () => {
  it('answers the official WV2 and WV4 echostr with the bare plaintext', async () => {
    for (const v of [WV2, WV4]) {
      const h = harness(null, { env: { WECOM_BOT_TOKEN: v.token, WECOM_BOT_ENCODING_AES_KEY: v.key }, now: () => Number(v.timestamp) * 1000 })
      const qs = new URLSearchParams({ msg_signature: v.signature, timestamp: v.timestamp, nonce: v.nonce, echostr: v.echostr })
      const res = await h.send(new Request(`${WECOM_PATH}?${qs}`))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await res.text()).toBe(v.reply)
    }
  })
  it('tolerates a "+" in echostr that arrived unescaped (decoded as a space)', async () => {
    const v = WV2
    expect(v.echostr).toContain('+')
    const h = harness(null, { env: { WECOM_BOT_TOKEN: v.token, WECOM_BOT_ENCODING_AES_KEY: v.key }, now: () => Number(v.timestamp) * 1000 })
    const res = await h.send(new Request(`${WECOM_PATH}?msg_signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr}`))
    expect(await res.text()).toBe(v.reply)
  })
  it('echoes a request built as WeCom builds it', async () => {
    const res = await harness(null).send(await buildWecomVerifyRequest('8329475012345'))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('8329475012345')
  })
  it('answers 401 when the signature does not match, and logs that the signature check failed', async () => {
    const h = harness(null)
    const res = await h.send(await buildWecomVerifyRequest('123', { token: 'another-token', key: WECOM_AES_KEY }))
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'msg_signature does not match' })
    expect(h.logs.some((l) => l.includes('401 signature') && l.includes('WECOM_BOT_TOKEN'))).toBe(true)
  })
  it('answers 400 naming the missing query parameter', async () => {
    const res = await harness(null).send(new Request(`${WECOM_PATH}?msg_signature=a&timestamp=1&nonce=2`))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'missing query parameter echostr' })
  })
})

describe('configuration', () => {
  it('answers 503 naming WECOM_BOT_TOKEN when it is not set', async () => {
    const res = await harness(null, { env: { WECOM_BOT_TOKEN: '' } }).send(await buildWecomVerifyRequest('1'))
    expect(res.status).toBe(503)
    expect(await errorOf(res)).toMatch(/WECOM_BOT_TOKEN is not set/)
  })
  it('answers 503 naming WECOM_BOT_ENCODING_AES_KEY when it is not set', async () => {
    const res = await harness(null, { env: { WECOM_BOT_ENCODING_AES_KEY: '' } }).send(await buildWecomRequest(textCallback('hi')))
    expect(res.status).toBe(503)
    expect(await errorOf(res)).toMatch(/WECOM_BOT_ENCODING_AES_KEY is not set/)
  })
})

describe('POST /webhook/wecom: bad input', () => {
  it('answers 401 when the signature does not match', async () => {
    const h = harness(answerReply)
    const res = await h.send(await buildWecomRequest(textCallback('hi'), undefined, { signature: 'f'.repeat(40) }))
    expect(res.status).toBe(401)
    expect(h.seen).toHaveLength(0)
  })
  it('answers 401 and logs the decryption check when the EncodingAESKey does not fit', async () => {
    const h = harness(answerReply)
    const other = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR'
    const res = await h.send(await buildWecomRequest(textCallback('hi'), { token: WECOM_TOKEN, key: other }))
    expect(res.status).toBe(401)
    expect(h.logs.some((l) => l.includes('401 decryption') && l.includes('WECOM_BOT_ENCODING_AES_KEY'))).toBe(true)
    expect(h.seen).toHaveLength(0)
  })
  it('answers 400 with a one-line reason for a body that is not JSON or has no encrypt', async () => {
    const h = harness(null)
    for (const body of ['not json', '{}', '{"encrypt": 5}']) {
      const res = await h.send(new Request(`${WECOM_PATH}?msg_signature=a&timestamp=1&nonce=2`, { method: 'POST', body }))
      expect(res.status).toBe(400)
      expect(await errorOf(res)).not.toContain('\n')
    }
  })
  it('answers 400 when the decrypted callback fails the schema', async () => {
    const res = await harness(null).send(await buildWecomRequest({ msgtype: 'text', text: { content: 'x' } }))
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatch(/^callback does not match the schema: msgid/)
  })
  it('answers 413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024) })
    const res = await harness(null).send(new Request(`${WECOM_PATH}?msg_signature=a&timestamp=1&nonce=2`, { method: 'POST', body: big }))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: 'body is larger than 1 MiB' })
  })
  it('answers 413 without trusting a missing content-length (streamed body)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 20) c.enqueue(chunk)
        else c.close()
      },
    })
    const req = new Request(`${WECOM_PATH}?msg_signature=a&timestamp=1&nonce=2`, { method: 'POST', body, duplex: 'half' } as RequestInit)
    expect((await harness(null).send(req)).status).toBe(413)
  })
  it('logs a flood of bad requests once, counting the rest', async () => {
    const h = harness(null)
    for (let i = 0; i < 50; i++) await h.send(await buildWecomRequest(textCallback('hi'), undefined, { signature: 'e'.repeat(40) }))
    expect(h.logs.filter((l) => l.includes('401 signature'))).toHaveLength(1)
    expect(h.rejections.totals()['webhook wecom 401 signature']).toBe(50)
  })
  it('answers 404 for other methods', async () => {
    expect((await harness(null).send(new Request(WECOM_PATH, { method: 'PUT' }))).status).toBe(404)
  })
})

describe('POST /webhook/wecom: messages', () => {
  it('answers a group text message with an encrypted, signed stream reply using the callback nonce', async () => {
    const h = harness(answerReply)
    const cb = textCallback('新号怎么起步', { chatId: 'wrkSFfCgAAtMQKg' })
    const res = await h.send(await buildWecomRequest(cb, undefined, { nonce: '1372623149' }))
    expect(res.status).toBe(200)
    const opened = await openWecomReply(res)
    expect(opened.signatureOk).toBe(true)
    expect(opened.envelope.nonce).toBe('1372623149')
    expect(typeof opened.envelope.timestamp).toBe('number')
    expect(opened.payload.msgtype).toBe('stream')
    expect(opened.payload.stream.finish).toBe(true)
    expect(opened.payload.stream.id).toBeTruthy()
    expect(opened.payload.stream.content).toContain('**新号怎么起步**')
    expect(opened.payload.stream.content).toContain('2024 小红书趋势文章')
    expect(h.seen).toEqual([
      expect.objectContaining({
        platform: 'wecom',
        chatId: 'wrkSFfCgAAtMQKg',
        chatType: 'group',
        messageId: cb.msgid,
        senderId: 'zhangsan',
        text: '新号怎么起步',
        mentionsBot: true,
      }),
    ])
    expect(h.fetchCalls).toHaveLength(0)
  })
  it('uses single:<userid> as the chat of a 1:1 message and adds a button card when the reply has buttons', async () => {
    const h = harness(buttonsReply)
    const { payload } = await openWecomReply(await h.send(await buildWecomRequest(textCallback('起号', { chat: 'single', userId: 'lisi' }))))
    expect(h.seen[0]).toMatchObject({ chatId: 'single:lisi', chatType: 'p2p', text: '起号' })
    expect(payload.msgtype).toBe('stream_with_template_card')
    expect(payload.stream.content).toContain('你是想问这些吗')
    expect(payload.template_card.card_type).toBe('button_interaction')
    const actions = payload.template_card.button_list.map((b: { key: string }) => decodeButtonKey(b.key))
    expect(actions).toEqual(buttonsReply.buttons.map((b) => b.action))
  })
  it('spells buttons out as text in groups instead of sending a card', async () => {
    const h = harness(buttonsReply)
    const { payload } = await openWecomReply(await h.send(await buildWecomRequest(textCallback('起号'))))
    expect(payload.msgtype).toBe('stream')
    expect(payload.stream.content).toContain('· 标题怎么写')
  })
  it('answers one of five concurrent deliveries of the same msgid through Redis, the rest with an empty 200', async () => {
    const h = harness(answerReply)
    const cb = textCallback('新号怎么起步')
    const reqs = await Promise.all(Array.from({ length: 5 }, () => buildWecomRequest(cb)))
    const results = await Promise.all(reqs.map((r) => h.send(r)))
    const bodies = await Promise.all(results.map((r) => r.text()))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(h.seen).toHaveLength(1)
    expect(bodies.filter((b) => b !== '')).toHaveLength(1)
  })
  it('answers empty at the deadline and delivers the late reply through response_url', async () => {
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const h = harness(async () => (await gate, answerReply), { answerInResponseMs: 20 })
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=SLOW'
    const t = testCtx()
    const res = await h.app.fetch(await buildWecomRequest(textCallback('慢问题', { responseUrl: url })), {}, t.ctx)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(h.fetchCalls).toHaveLength(0)
    release()
    await t.settle()
    expect(h.fetchCalls).toEqual([{ url, body: { msgtype: 'markdown', markdown: { content: expect.stringContaining('**新号怎么起步**') } } }])
  })
  it('answers an empty 200 when dispatch has nothing to say or a handler throws', async () => {
    expect(await (await harness(null).send(await buildWecomRequest(textCallback('嗯')))).text()).toBe('')
    const broken = harness(async () => {
      throw new Error('boom')
    })
    const res = await broken.send(await buildWecomRequest(textCallback('嗯')))
    expect(res.status).toBe(200)
    // dispatch turns a throwing handler into its "出了点小状况" notice rather than silence
    expect((await openWecomReply(res)).payload.stream.content).toContain('出了点小状况')
  })
  it('answers stream refresh callbacks and unhandled events with an empty 200 and no dispatch', async () => {
    const h = harness(answerReply)
    const refresh = { msgid: 'r1', chattype: 'single', from: { userid: 'u' }, msgtype: 'stream', stream: { id: 'S1' } }
    const enter = { msgid: 'e1', chattype: 'single', from: { userid: 'u' }, msgtype: 'event', event: { eventtype: 'enter_chat' } }
    const image = { msgid: 'i1', chattype: 'single', from: { userid: 'u' }, msgtype: 'image', image: { url: 'https://x' } }
    for (const cb of [refresh, enter, image]) {
      const res = await h.send(await buildWecomRequest(cb))
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('')
    }
    expect(h.seen).toHaveLength(0)
  })
})

describe('POST /webhook/wecom: button presses', () => {
  it('turns the pressed button back into its action and answers through response_url', async () => {
    const h = harness(answerReply)
    const res = await h.send(await buildWecomRequest(buttonCallback('a:new-account', { userId: 'wangwu' })))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(h.seen[0]).toMatchObject({ chatId: 'single:wangwu', text: '', action: { type: 'ask', intent: 'new-account' } })
    expect(h.fetchCalls).toHaveLength(1)
    expect(h.fetchCalls[0]!.body.msgtype).toBe('markdown')
  })
  it('updates the pressed card in the passive reply when the event has no response_url', async () => {
    const h = harness(buttonsReply)
    const { payload, signatureOk } = await openWecomReply(await h.send(await buildWecomRequest(buttonCallback('u:new-account', { responseUrl: null }))))
    expect(signatureOk).toBe(true)
    expect(payload.response_type).toBe('update_template_card')
    expect(payload.userids).toEqual(['zhangsan'])
    expect(payload.template_card.card_type).toBe('button_interaction')
    expect(h.seen[0]!.action).toEqual({ type: 'feedback', intent: 'new-account', vote: 'up' })
  })
  it('reuses the task_id of the pressed card in update_template_card, as the passive-reply doc requires', async () => {
    const h = harness(buttonsReply)
    // The callback as /path/101027 shows a template_card_event: card_type, event_key and the card's task_id.
    const cb = buttonCallback('a:new-account', { responseUrl: null }) as ReturnType<typeof buttonCallback> & { event: { template_card_event: { task_id: string } } }
    cb.event.template_card_event.task_id = 'gW8EnPsnuCIChRzaQomXbIO2Ks5ds0BO'
    const { payload } = await openWecomReply(await h.send(await buildWecomRequest(cb)))
    expect(payload.template_card.task_id).toBe('gW8EnPsnuCIChRzaQomXbIO2Ks5ds0BO')
  })
  it('ignores keys that are not ours', async () => {
    const h = harness(answerReply)
    expect(await (await h.send(await buildWecomRequest(buttonCallback('BUTTONKEYONE')))).text()).toBe('')
    expect(h.seen).toHaveLength(0)
  })
})

describe('POST /webhook/wecom: response_url is only ever WeCom', () => {
  it('never posts a late reply to a response_url on another host, and logs that once', async () => {
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const h = harness(async () => (await gate, answerReply), { answerInResponseMs: 20 })
    const t = testCtx()
    const evil = (n: number) => `https://collector.example/steal?n=${n}`
    for (const n of [1, 2, 3]) {
      const res = await h.app.fetch(await buildWecomRequest(textCallback('慢问题', { responseUrl: evil(n) })), {}, t.ctx)
      expect(await res.text()).toBe('')
    }
    release()
    await t.settle()
    expect(h.fetchCalls).toHaveLength(0)
    expect(h.logs.filter((l) => l.includes('response_url refused'))).toHaveLength(1)
    expect(h.rejections.totals()['webhook wecom response_url refused']).toBe(3)
  })
  it('answers a button press whose response_url is elsewhere by updating the card in the passive reply', async () => {
    const h = harness(buttonsReply)
    const res = await h.send(await buildWecomRequest(buttonCallback('a:new-account', { responseUrl: 'http://169.254.169.254/latest/meta-data' })))
    expect((await openWecomReply(res)).payload.response_type).toBe('update_template_card')
    expect(h.fetchCalls).toHaveLength(0)
  })
  it('posts to WECOM_API_BASE when the operator set one (a proxy)', async () => {
    const h = harness(answerReply, { env: { WECOM_API_BASE: 'https://wecom-proxy.internal.example' } })
    await h.send(await buildWecomRequest(buttonCallback('a:new-account', { responseUrl: 'https://wecom-proxy.internal.example/cgi-bin/aibot/response?response_code=P' })))
    expect(h.fetchCalls.map((c) => c.url)).toEqual(['https://wecom-proxy.internal.example/cgi-bin/aibot/response?response_code=P'])
  })
})
