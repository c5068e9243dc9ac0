// WeCom through the real app: the same dispatch, handlers and Redis as Feishu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/app'
import { loadConfig } from '../../../src/config'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import { getSubscription, unsubscribe } from '../../../src/tips/subscriptions'
import { runTipPush } from '../../../src/platforms/messenger'
import type { Store } from '../../../src/store/store'
import { redisStore } from '../../helpers/app'
import { testPrefix } from '../../helpers/redis-test-store'
import { testCtx } from '../../helpers/feishu'
import { WECOM_AES_KEY, WECOM_TOKEN, buildWecomRequest, buildWecomVerifyRequest, buttonCallback, openWecomReply, recordingFetch, textCallback, uniqueId } from './fixtures'

const knowledge = loadKnowledge()
const prefix = testPrefix('wecom-app')
const config = loadConfig({ WECOM_BOT_TOKEN: WECOM_TOKEN, WECOM_BOT_ENCODING_AES_KEY: WECOM_AES_KEY })
let store: Store
const webhook = recordingFetch()

beforeAll(() => {
  store = redisStore(prefix)
})
afterAll(async () => {
  await store.close()
})

function app() {
  return createApp({ config, knowledge, feishuApi: null, fetch: webhook.fetch, log: () => {}, openStore: () => ({ store, release: async () => {} }) })
}

async function send(req: Request) {
  const t = testCtx()
  const res = await app().fetch(req, {}, t.ctx)
  await t.settle()
  return res
}

async function ask(text: string, opts: Parameters<typeof textCallback>[1] = {}) {
  const res = await send(await buildWecomRequest(textCallback(text, { chatId: uniqueId('chat'), userId: uniqueId('u'), ...opts })))
  expect(res.status).toBe(200)
  const opened = await openWecomReply(res)
  expect(opened.signatureOk).toBe(true)
  return opened.payload as { msgtype: string; stream: { content: string; finish: boolean } }
}

describe('/webhook/wecom through the app', () => {
  it('answers the URL verification with the decrypted echostr only', async () => {
    const res = await send(await buildWecomVerifyRequest('1288432023552776189'))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('1288432023552776189')
  })

  it('answers 401 for a bad signature', async () => {
    const res = await send(await buildWecomRequest(textCallback('关键词怎么布局'), undefined, { signature: 'f'.repeat(40) }))
    expect(res.status).toBe(401)
  })

  it('answers a question in a group with an encrypted stream reply carrying the answer', async () => {
    const payload = await ask('小红书关键词应该放在哪里')
    expect(payload.msgtype).toMatch(/^stream/)
    expect(payload.stream.finish).toBe(true)
    expect(payload.stream.content).toContain(knowledge.byId.get('keyword-layout')!.title)
  })

  it('checks a title sent as 标题检查', async () => {
    const payload = await ask('标题检查 全网最低价！加vx领取优惠')
    expect(payload.stream.content).toMatch(/分/)
    expect(payload.stream.content).toMatch(/广告法|绝对化|最低/)
    expect(payload.stream.content).toMatch(/微信|站外|vx/i)
  })

  it('sends no <font> tag in any reply: stream content and response_url content are markdown_v2', async () => {
    const texts = ['新号现在做还有流量吗', '明天北京天气怎么样', '标题检查 全网最低价！加vx领取优惠', '帮助', '/tip', '展开说说']
    const contents: string[] = []
    for (const chat of ['group', 'single'] as const) {
      for (const text of texts) contents.push((await ask(text, { chat })).stream.content)
    }
    const before = webhook.calls.length
    await send(await buildWecomRequest(buttonCallback('a:live-commerce', { userId: uniqueId('u') })))
    const posted = webhook.calls.slice(before).map((c) => c.body.markdown.content as string)
    expect(posted).toHaveLength(1)
    for (const content of [...contents, ...posted]) {
      expect(content.length).toBeGreaterThan(0)
      expect(content).not.toContain('<font')
    }
  })

  it('answers a duplicated msgid once', async () => {
    const cb = textCallback('新号还有机会吗', { chatId: uniqueId('chat'), userId: uniqueId('u') })
    const results = await Promise.all([0, 1, 2, 3, 4].map(async () => send(await buildWecomRequest(cb))))
    const bodies = await Promise.all(results.map((r) => r.text()))
    expect(bodies.filter((b) => b.includes('encrypt'))).toHaveLength(1)
  })

  it('subscribes a group by its robot webhook URL and pushes the daily tip to it', async () => {
    const chatId = uniqueId('chat')
    const url = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${uniqueId('key')}`
    const payload = await ask(`/订阅 ${url}`, { chatId })
    expect(payload.stream.content).toMatch(/订阅/)
    expect((await getSubscription(store, 'wecom', chatId))?.webhookUrl).toBe(url)

    const now = new Date()
    const result = await runTipPush({ config, store, knowledge, feishuApi: null, fetch: webhook.fetch, now, log: () => {} })
    await unsubscribe(store, 'wecom', chatId)
    expect(result.sent).toContain(chatId)
    const calls = webhook.calls.filter((c) => c.url === url)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.body.msgtype).toBe('markdown')
    expect(calls[0]!.body.markdown.content).toMatch(/tip/i)
  })

  it('answers 503 naming WECOM_BOT_TOKEN when WeCom is not configured', async () => {
    const bare = createApp({ config: loadConfig({}), knowledge, feishuApi: null, openStore: () => ({ store, release: async () => {} }) })
    const t = testCtx()
    const res = await bare.fetch(await buildWecomRequest(textCallback('hi')), {}, t.ctx)
    expect(res.status).toBe(503)
    expect((await res.json()).error).toContain('WECOM_BOT_TOKEN')
  })
})
