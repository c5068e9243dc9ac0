// The operator's loop end to end: signed Feishu webhooks, real Redis, two app instances sharing one REDIS_PREFIX
// (each with its own memory fallback), as two Node processes or two Worker isolates would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStore } from '../../src/store'
import type { Store } from '../../src/store/store'
import { MemoryStore } from '../../src/store/memory'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { testApp } from '../helpers/app'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, cardAction, feishuRequest, testCtx, textMessage, uid } from '../helpers/feishu'
import { REDIS_URL, deleteKeys, randomPrefix } from '../helpers/redis-test-store'

/** The honest not-answered titles: low confidence, or a subject the article does not cover. */
const UNANSWERED = /这个我不确定|文章没有讲到这个/

const knowledge = loadKnowledge()
const QUESTION = '发笔记用什么相机好' // falls back with the bundled knowledge (asserted below)
const ADMIN = 'ou_admin_1'
const MEMBER = 'ou_member_1'
const prefix = randomPrefix('operator-feishu')
let api: FakeOpenApi
const stores: Store[] = []

function instance(env: Record<string, string> = {}) {
  const { store } = createStore({ REDIS_URL, REDIS_PREFIX: prefix }, { fallback: new MemoryStore(), failover: { log: () => {} } })
  stores.push(store)
  return testApp({ store, apiBase: api.url, env: { ADMIN_IDS: ADMIN, REDIS_PREFIX: prefix, ...env } }).app
}

beforeAll(async () => {
  api = new FakeOpenApi(BOT)
  await api.start()
})
afterAll(async () => {
  await api.stop()
  await Promise.all(stores.map((s) => s.close()))
  await deleteKeys(prefix)
})

type App = ReturnType<typeof instance>

async function post(app: App, payload: unknown) {
  const t = testCtx()
  const res = await app.fetch(await feishuRequest(payload), {}, t.ctx)
  await t.settle()
  expect(res.status).toBe(200)
  return res.json() as Promise<any>
}

/** Sends a message and returns the card the bot replied with. */
async function say(app: App, chatId: string, sender: string, text: string): Promise<any> {
  const messageId = uid('om')
  await post(app, textMessage({ text, chatId, sender, messageId }))
  const sent = api.sent('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`)
  expect(sent).toHaveLength(1)
  return JSON.parse(sent[0]!.body.content)
}

/** Presses a button; returns the callback's answer and the card posted after it, if any. */
async function press(app: App, chatId: string, operator: string, value: unknown): Promise<{ answer: any; card: any }> {
  const before = api.sent('reply').length
  const answer = await post(app, cardAction(value, chatId, operator))
  const after = api.sent('reply')
  return { answer, card: after.length > before ? JSON.parse(after[after.length - 1]!.body.content) : null }
}

const buttonValues = (card: any): any[] => JSON.stringify(card).match(/"value":\{[^{}]*\}/g)!.map((v) => JSON.parse(v.slice(8)))
const text = (card: any) => JSON.stringify(card)
const titleOf = (card: any) => card.header.title.content as string

describe('operator loop on Feishu, two instances, one Redis', () => {
  const chatId = uid('oc')
  let a: App
  let b: App
  beforeAll(() => {
    a = instance()
    b = instance()
  })

  it('a member\'s unanswered question is listed by /待答, taught by one click, and answered by the other instance', async () => {
    const fallback = await say(a, chatId, MEMBER, QUESTION)
    expect(titleOf(fallback)).toMatch(UNANSWERED)

    const pending = await say(a, chatId, ADMIN, '/待答')
    expect(text(pending)).toContain(QUESTION)
    const teachButtons = buttonValues(pending).filter((v) => v.type === 'teach')
    expect(teachButtons.length).toBeGreaterThan(0)
    const chosen = teachButtons.find((v) => v.intent === 'content-style') ?? teachButtons[0]
    const intentTitle = knowledge.byId.get(chosen.intent)!.title

    const click = await press(a, chatId, ADMIN, chosen)
    expect(click.answer.toast).toBeTruthy()
    expect(titleOf(click.card)).toBe(`已教会 ✅ ${intentTitle}`)

    const answered = await say(b, chatId, MEMBER, QUESTION)
    expect(titleOf(answered)).toBe(intentTitle)

    // 👍 on that answer, from the button the card carries (it names the logged question)
    const up = buttonValues(answered).find((v) => v.type === 'feedback' && v.vote === 'up')
    expect(up.question).toMatch(/^[0-9a-z]+$/)
    expect((await press(b, chatId, MEMBER, up)).answer.toast.content).toContain('👍')

    const stats = await say(b, chatId, ADMIN, '/统计')
    const body = text(stats)
    expect(titleOf(stats)).toBe('最近 7 天的提问')
    expect(body).toContain('**提问**：2（1 人）')
    expect(body).toContain('**没答上**：1')
    expect(body).toContain('**👍 / 👎**：1 / 0')
    expect(body).toContain(`${intentTitle} ×1`)

    // taught questions leave /待答
    expect(text(await say(b, chatId, ADMIN, '/待答'))).not.toContain(QUESTION)
  })

  it('refuses /教 from a member, naming ADMIN_IDS, and the teach button too', async () => {
    const refused = await say(a, chatId, MEMBER, '/教 主页背景图怎么换 => content-style')
    expect(titleOf(refused)).toBe('需要管理员操作')
    expect(text(refused)).toContain('ADMIN_IDS')
    expect(text(refused)).toContain(MEMBER)
    const click = await press(b, chatId, MEMBER, { type: 'teach', question: 'abcdefghijk', intent: 'content-style' })
    expect(text(click.card)).toContain('ADMIN_IDS')
    expect(titleOf(await say(b, chatId, MEMBER, '主页背景图怎么换'))).toMatch(UNANSWERED)
  })

  it('answers /我的ID with the sender\'s open_id', async () => {
    const card = await say(a, uid('oc'), MEMBER, '/我的ID')
    expect(titleOf(card)).toBe('你的 ID')
    expect(text(card)).toContain(MEMBER)
  })

  it('teaches with /教 and forgets with /忘, each instance following from its next message', async () => {
    const taught = await say(a, chatId, ADMIN, '/教 主页背景图怎么换 => 内容该写什么风格')
    expect(titleOf(taught)).toBe(`已教会 ✅ ${knowledge.byId.get('content-style')!.title}`)
    expect(titleOf(await say(b, chatId, MEMBER, '主页背景图怎么换？'))).toBe(knowledge.byId.get('content-style')!.title)
    expect(titleOf(await say(b, chatId, ADMIN, '/忘 主页背景图怎么换'))).toBe('已忘记')
    expect(titleOf(await say(a, chatId, MEMBER, '主页背景图怎么换'))).toMatch(UNANSWERED)
  })

  it('refuses teaching while ADMIN_IDS is empty, saying how to set it', async () => {
    const open = instance({ ADMIN_IDS: '' })
    const card = await say(open, chatId, ADMIN, '/教 主页背景图怎么换 => content-style')
    expect(titleOf(card)).toBe('需要先设置 ADMIN_IDS')
    expect(text(card)).toContain('wrangler secret put ADMIN_IDS')
    expect(titleOf(await say(open, chatId, ADMIN, '/待答'))).toBe('需要先设置 ADMIN_IDS')
  })
})
