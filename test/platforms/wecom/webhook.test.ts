import { describe, expect, it } from 'vitest'
import type { InboundMessage } from '../../../src/bot/message'
import type { Reply } from '../../../src/bot/reply'
import { decodeButtonKey } from '../../../src/platforms/wecom/button-key'
import { handleWecomWebhook, type WecomDeps } from '../../../src/platforms/wecom/webhook'
import { MemoryStore } from '../../../src/store/memory'
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

function harness(reply: Reply | null | ((msg: InboundMessage) => Promise<Reply | null>), extra: Partial<WecomDeps> = {}) {
  const seen: InboundMessage[] = []
  const background: Promise<unknown>[] = []
  const rec = recordingFetch()
  const deps: WecomDeps = {
    token: WECOM_TOKEN,
    encodingAesKey: WECOM_AES_KEY,
    store: new MemoryStore(),
    dispatch: async (msg) => {
      seen.push(msg)
      return typeof reply === 'function' ? reply(msg) : reply
    },
    waitUntil: (p) => void background.push(p),
    fetch: rec.fetch,
    log: () => {},
    ...extra,
  }
  const settle = () => Promise.all(background)
  return { deps, seen, fetchCalls: rec.calls, settle }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('GET /webhook/wecom (URL verification)', () => {
  it('answers the official WV2 and WV4 echostr with the bare plaintext', async () => {
    for (const v of [WV2, WV4]) {
      const qs = new URLSearchParams({ msg_signature: v.signature, timestamp: v.timestamp, nonce: v.nonce, echostr: v.echostr })
      const res = await handleWecomWebhook(new Request(`${WECOM_PATH}?${qs}`), harness(null, { token: v.token, encodingAesKey: v.key }).deps)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await res.text()).toBe(v.reply)
    }
  })
  it('tolerates a "+" in echostr that arrived unescaped (decoded as a space)', async () => {
    const v = WV2
    expect(v.echostr).toContain('+')
    const url = `${WECOM_PATH}?msg_signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&echostr=${v.echostr}`
    const res = await handleWecomWebhook(new Request(url), harness(null, { token: v.token, encodingAesKey: v.key }).deps)
    expect(await res.text()).toBe(v.reply)
  })
  it('echoes a request built as WeCom builds it', async () => {
    const res = await handleWecomWebhook(await buildWecomVerifyRequest('8329475012345'), harness(null).deps)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('8329475012345')
  })
  it('answers 401 when the signature does not match', async () => {
    const req = await buildWecomVerifyRequest('123', { token: 'another-token', key: WECOM_AES_KEY })
    const res = await handleWecomWebhook(req, harness(null).deps)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'msg_signature does not match' })
  })
  it('answers 400 naming the missing query parameter', async () => {
    const res = await handleWecomWebhook(new Request(`${WECOM_PATH}?msg_signature=a&timestamp=1&nonce=2`), harness(null).deps)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'missing query parameter echostr' })
  })
})

describe('configuration', () => {
  it('answers 503 naming WECOM_BOT_TOKEN when it is not set', async () => {
    const res = await handleWecomWebhook(await buildWecomVerifyRequest('1'), harness(null, { token: undefined }).deps)
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: string }).error).toMatch(/WECOM_BOT_TOKEN is not set/)
  })
  it('answers 503 naming WECOM_BOT_ENCODING_AES_KEY when it is not set or malformed', async () => {
    const missing = await handleWecomWebhook(await buildWecomRequest(textCallback('hi')), harness(null, { encodingAesKey: '' }).deps)
    expect(missing.status).toBe(503)
    expect(((await missing.json()) as { error: string }).error).toMatch(/WECOM_BOT_ENCODING_AES_KEY is not set/)
    const bad = await handleWecomWebhook(await buildWecomRequest(textCallback('hi')), harness(null, { encodingAesKey: 'short' }).deps)
    expect(bad.status).toBe(503)
    expect(await bad.json()).toEqual({ error: 'WECOM_BOT_ENCODING_AES_KEY must be 43 characters (got 5)' })
  })
})

describe('POST /webhook/wecom: bad input', () => {
  it('answers 401 when the signature does not match', async () => {
    const h = harness(answerReply)
    const res = await handleWecomWebhook(await buildWecomRequest(textCallback('hi'), undefined, { signature: 'f'.repeat(40) }), h.deps)
    expect(res.status).toBe(401)
    expect(h.seen).toHaveLength(0)
  })
  it('answers 400 with a one-line reason for a body that is not JSON or has no encrypt', async () => {
    const qs = '?msg_signature=a&timestamp=1&nonce=2'
    for (const body of ['not json', '{}', '{"encrypt": 5}']) {
      const res = await handleWecomWebhook(new Request(WECOM_PATH + qs, { method: 'POST', body }), harness(null).deps)
      expect(res.status).toBe(400)
      const { error } = (await res.json()) as { error: string }
      expect(error).not.toContain('\n')
    }
  })
  it('answers 400 when the decrypted callback fails the schema', async () => {
    const res = await handleWecomWebhook(await buildWecomRequest({ msgtype: 'text', text: { content: 'x' } }), harness(null).deps)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: string }).error).toMatch(/^callback does not match the schema: msgid/)
  })
  it('answers 413 for a body over 1 MiB', async () => {
    const big = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024) })
    const res = await handleWecomWebhook(new Request(`${WECOM_PATH}?msg_signature=a&timestamp=1&nonce=2`, { method: 'POST', body: big }), harness(null).deps)
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: 'body is over 1 MiB' })
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
    expect((await handleWecomWebhook(req, harness(null).deps)).status).toBe(413)
  })
  it('answers 405 for other methods', async () => {
    expect((await handleWecomWebhook(new Request(WECOM_PATH, { method: 'PUT' }), harness(null).deps)).status).toBe(405)
  })
})

describe('POST /webhook/wecom: messages', () => {
  it('answers a group text message with an encrypted, signed stream reply using the callback nonce', async () => {
    const h = harness(answerReply)
    const cb = textCallback('新号怎么起步', { chatId: 'wrkSFfCgAAtMQKg' })
    const res = await handleWecomWebhook(await buildWecomRequest(cb, undefined, { nonce: '1372623149' }), h.deps)
    expect(res.status).toBe(200)
    const opened = await openWecomReply(res)
    expect(opened.signatureOk).toBe(true)
    expect(opened.envelope.nonce).toBe('1372623149')
    expect(typeof opened.envelope.timestamp).toBe('number')
    expect(opened.payload.msgtype).toBe('stream')
    expect(opened.payload.stream.finish).toBe(true)
    expect(opened.payload.stream.id).toBeTruthy()
    expect(opened.payload.stream.content).toContain('**新号怎么起步**')
    expect(opened.payload.stream.content).toContain('<font color="comment">2024 小红书趋势文章')
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
    const res = await handleWecomWebhook(await buildWecomRequest(textCallback('起号', { chat: 'single', userId: 'lisi' })), h.deps)
    const { payload } = await openWecomReply(res)
    expect(h.seen[0]).toMatchObject({ chatId: 'single:lisi', chatType: 'p2p', text: '起号' })
    expect(payload.msgtype).toBe('stream_with_template_card')
    expect(payload.stream.content).toContain('你是想问这些吗')
    expect(payload.template_card.card_type).toBe('button_interaction')
    const actions = payload.template_card.button_list.map((b: { key: string }) => decodeButtonKey(b.key))
    expect(actions).toEqual(buttonsReply.buttons.map((b) => b.action))
  })
  it('spells buttons out as text in groups instead of sending a card', async () => {
    const h = harness(buttonsReply)
    const { payload } = await openWecomReply(await handleWecomWebhook(await buildWecomRequest(textCallback('起号')), h.deps))
    expect(payload.msgtype).toBe('stream')
    expect(payload.stream.content).toContain('· 标题怎么写')
  })
  it('answers one of five concurrent deliveries of the same msgid, the rest with an empty 200', async () => {
    const h = harness(answerReply)
    const cb = textCallback('新号怎么起步')
    const reqs = await Promise.all(Array.from({ length: 5 }, () => buildWecomRequest(cb)))
    const results = await Promise.all(reqs.map((r) => handleWecomWebhook(r, h.deps)))
    const bodies = await Promise.all(results.map((r) => r.text()))
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(h.seen).toHaveLength(1)
    expect(bodies.filter((b) => b !== '')).toHaveLength(1)
  })
  it('answers empty at the deadline and delivers a slow reply through response_url', async () => {
    const h = harness(async () => {
      await sleep(150)
      return answerReply
    }, { replyDeadlineMs: 30 })
    const cb = textCallback('慢问题', { responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=SLOW' })
    const started = Date.now()
    const res = await handleWecomWebhook(await buildWecomRequest(cb), h.deps)
    expect(Date.now() - started).toBeLessThan(140)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(h.fetchCalls).toHaveLength(0)
    await h.settle()
    expect(h.fetchCalls).toEqual([
      {
        url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=SLOW',
        body: { msgtype: 'markdown', markdown: { content: expect.stringContaining('**新号怎么起步**') } },
      },
    ])
  })
  it('answers an empty 200 when dispatch has nothing to say or throws', async () => {
    const quiet = harness(null)
    expect(await (await handleWecomWebhook(await buildWecomRequest(textCallback('嗯')), quiet.deps)).text()).toBe('')
    const broken = harness(async () => {
      throw new Error('boom')
    })
    const res = await handleWecomWebhook(await buildWecomRequest(textCallback('嗯')), broken.deps)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })
  it('answers 503, not 500, when the store fails', async () => {
    const h = harness(answerReply)
    h.deps.store.claim = async () => {
      throw new Error('redis down')
    }
    const res = await handleWecomWebhook(await buildWecomRequest(textCallback('hi')), h.deps)
    expect(res.status).toBe(503)
    expect(h.seen).toHaveLength(0)
  })
  it('answers stream refresh callbacks and unhandled events with an empty 200 and no dispatch', async () => {
    const h = harness(answerReply)
    const refresh = { msgid: 'r1', chattype: 'single', from: { userid: 'u' }, msgtype: 'stream', stream: { id: 'S1' } }
    const enter = { msgid: 'e1', chattype: 'single', from: { userid: 'u' }, msgtype: 'event', event: { eventtype: 'enter_chat' } }
    const image = { msgid: 'i1', chattype: 'single', from: { userid: 'u' }, msgtype: 'image', image: { url: 'https://x' } }
    for (const cb of [refresh, enter, image]) {
      const res = await handleWecomWebhook(await buildWecomRequest(cb), h.deps)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('')
    }
    expect(h.seen).toHaveLength(0)
  })
})

describe('POST /webhook/wecom: button presses', () => {
  it('turns the pressed button back into its action and answers through response_url', async () => {
    const h = harness(answerReply)
    const res = await handleWecomWebhook(await buildWecomRequest(buttonCallback('a:new-account', { userId: 'wangwu' })), h.deps)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    await h.settle()
    expect(h.seen[0]).toMatchObject({ chatId: 'single:wangwu', text: '', action: { type: 'ask', intent: 'new-account' } })
    expect(h.fetchCalls).toHaveLength(1)
    expect(h.fetchCalls[0]!.body.msgtype).toBe('markdown')
  })
  it('updates the pressed card in the passive reply when the event has no response_url', async () => {
    const h = harness(buttonsReply)
    const res = await handleWecomWebhook(await buildWecomRequest(buttonCallback('u:new-account', { responseUrl: null })), h.deps)
    const { payload, signatureOk } = await openWecomReply(res)
    expect(signatureOk).toBe(true)
    expect(payload.response_type).toBe('update_template_card')
    expect(payload.userids).toEqual(['zhangsan'])
    expect(payload.template_card.card_type).toBe('button_interaction')
    expect(h.seen[0]!.action).toEqual({ type: 'feedback', intent: 'new-account', vote: 'up' })
  })
  it('ignores keys that are not ours', async () => {
    const h = harness(answerReply)
    const res = await handleWecomWebhook(await buildWecomRequest(buttonCallback('BUTTONKEYONE')), h.deps)
    expect(await res.text()).toBe('')
    expect(h.seen).toHaveLength(0)
  })
})
