// The operator's commands through the encrypted WeCom callback: real Redis, two app instances sharing REDIS_PREFIX.
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { createStore } from '../../src/store'
import { MemoryStore } from '../../src/store/memory'
import type { Store } from '../../src/store/store'
import { testCtx } from '../helpers/feishu'
import { REDIS_URL, deleteKeys, randomPrefix } from '../helpers/redis-test-store'
import { WECOM_AES_KEY, WECOM_TOKEN, buildWecomRequest, buttonCallback, openWecomReply, recordingFetch, textCallback, uniqueId } from '../platforms/wecom/fixtures'

/** The honest not-answered titles: low confidence, or a subject the article does not cover. */
const UNANSWERED = /这个我不确定|文章没有讲到这个/

const knowledge = loadKnowledge()
const prefix = randomPrefix('operator-wecom')
const ADMIN = 'lisi-admin'
const MEMBER = 'zhangsan'
const stores: Store[] = []
const responses = recordingFetch()

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()))
  await deleteKeys(prefix)
})

function instance() {
  const config = loadConfig({ WECOM_BOT_TOKEN: WECOM_TOKEN, WECOM_BOT_ENCODING_AES_KEY: WECOM_AES_KEY, ADMIN_IDS: `${ADMIN},wangwu`, REDIS_URL, REDIS_PREFIX: prefix })
  const { store } = createStore(config, { fallback: new MemoryStore(), failover: { log: () => {} } })
  stores.push(store)
  return createApp({ config, knowledge, feishuApi: null, fetch: responses.fetch, log: () => {}, openStore: () => ({ store, release: async () => {} }) })
}

type App = ReturnType<typeof instance>

async function send(app: App, callback: unknown): Promise<Response> {
  const t = testCtx()
  const res = await app.fetch(await buildWecomRequest(callback), {}, t.ctx)
  await t.settle()
  expect(res.status).toBe(200)
  return res
}

/** A typed message; returns the stream's markdown (and the 1:1 template card, if any). */
async function say(app: App, text: string, opts: Parameters<typeof textCallback>[1]): Promise<{ content: string; card?: any }> {
  const opened = await openWecomReply(await send(app, textCallback(text, opts)))
  expect(opened.signatureOk).toBe(true)
  return { content: opened.payload.stream.content, card: opened.payload.template_card }
}

describe('operator loop on WeCom, two instances, one Redis', () => {
  const a = instance()
  const b = instance()
  const chatId = uniqueId('wrchat')

  it('/教 from an admin in a group: the other instance answers the phrasing from its next message', async () => {
    const question = '主页背景图怎么换'
    expect((await say(b, question, { chatId, userId: MEMBER })).content).toMatch(UNANSWERED)
    const taught = await say(a, `/教 ${question} => content-style`, { chatId, userId: ADMIN })
    expect(taught.content).toContain(`已教会 ✅ ${knowledge.byId.get('content-style')!.title}`)
    expect((await say(b, question, { chatId, userId: MEMBER })).content).toContain(`**${knowledge.byId.get('content-style')!.title}**`)
    expect((await say(b, `/忘 ${question}`, { chatId, userId: ADMIN })).content).toContain('已忘记')
    // forgotten, so unanswered again; a WeCom group shows no buttons, so /待答 says what to type
    const pending = (await say(a, '/待答', { chatId, userId: ADMIN })).content
    expect(pending).toContain(question)
    expect(pending).toContain(`/教 ${question} => 主题`)
  })

  it('refuses /教 from a member, naming ADMIN_IDS and their userid', async () => {
    const { content } = await say(a, '/教 主页背景图怎么换 => content-style', { chatId, userId: MEMBER })
    expect(content).toContain('需要管理员操作')
    expect(content).toContain('ADMIN_IDS')
    expect(content).toContain(MEMBER)
  })

  it('answers /我的ID with the sender\'s userid', async () => {
    const { content } = await say(a, '/我的ID', { chatId, userId: MEMBER })
    expect(content).toContain('你的 ID')
    expect(content).toContain(`\`${MEMBER}\``)
  })

  it('teaches from a /待答 template-card button in a 1:1 chat', async () => {
    const question = '笔记定时发布在哪里设置'
    expect((await say(a, question, { chat: 'single', userId: 'wangwu' })).content).toMatch(UNANSWERED)
    const pending = await say(b, '/待答', { chat: 'single', userId: 'wangwu' })
    expect(pending.content).toContain(question)
    const key: string = pending.card.button_list.map((x: { key: string }) => x.key).find((k: string) => k.startsWith('t:'))
    expect(key).toMatch(/^t:[a-z-]+:[0-9a-z]+$/)
    const intent = key.split(':')[1]!
    const responseUrl = `https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=${uniqueId('rc')}`
    await send(a, buttonCallback(key, { chat: 'single', userId: 'wangwu', responseUrl }))
    const posted = responses.calls.filter((c) => c.url === responseUrl)
    expect(posted).toHaveLength(1)
    expect(JSON.stringify(posted[0]!.body)).toContain(`已教会 ✅ ${knowledge.byId.get(intent)!.title}`)
    expect((await say(b, question, { chat: 'single', userId: MEMBER })).content).toContain(`**${knowledge.byId.get(intent)!.title}**`)
  })
})
