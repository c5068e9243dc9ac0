import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import { isSubscribed } from '../../../src/tips/subscriptions'
import { nodeCryptoBackend } from '../../../src/node/crypto'
import { createStore } from '../../../src/store'
import { readVotes } from '../../../src/store/keys'
import { localDate } from '../../../src/tips/schedule'
import { redisStore, testApp } from '../../helpers/app'
import { testPrefix } from '../../helpers/redis-test-store'
import { ENCRYPT_KEY, TOKEN, cardAction, envelope, feishuRequest, testCtx, textMessage, uid } from '../../helpers/feishu'
import { fakeOpenApiWith } from '../../helpers/open-api-fixture'

const knowledge = loadKnowledge()
const prefix = testPrefix('feishu-webhook')
const { api, store } = fakeOpenApiWith(redisStore(prefix))

async function post(app: ReturnType<typeof testApp>['app'], req: Request) {
  const t = testCtx()
  const res = await app.fetch(req, {}, t.ctx)
  await t.settle()
  return res
}

function repliesTo(messageId: string) {
  return api.sent('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`)
}

const cardText = (card: unknown) => JSON.stringify(card)

describe('POST /webhook/feishu: handshake and bad input', () => {
  it('answers the plain url_verification challenge when the token matches', async () => {
    const { app } = testApp({ store, apiBase: api.url, env: { FEISHU_ENCRYPT_KEY: '' } })
    const res = await post(app, new Request('http://x/webhook/feishu', { method: 'POST', body: JSON.stringify({ type: 'url_verification', challenge: 'ajls384', token: TOKEN }) }))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ challenge: 'ajls384' })
  })

  it('answers the encrypted url_verification challenge in plaintext', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, await feishuRequest({ type: 'url_verification', challenge: 'chal-xyz', token: TOKEN }, { sign: false }))
    expect(await res.json()).toEqual({ challenge: 'chal-xyz' })
  })

  it('answers 401 when the handshake token is wrong', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, await feishuRequest({ type: 'url_verification', challenge: 'c', token: 'nope' }, { sign: false }))
    expect(res.status).toBe(401)
    expect((await res.json()).error).toMatch(/token/)
  })

  it('answers 401 when the signature does not match the raw body', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, await feishuRequest(textMessage({ text: '关键词怎么布局', chatId: uid('oc') }), { tamper: true }))
    expect(res.status).toBe(401)
  })

  it('answers 401 for an unsigned event and for one encrypted with another key', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    expect((await post(app, await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') }), { sign: false }))).status).toBe(401)
    expect((await post(app, await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') }), { key: 'other key' }))).status).toBe(401)
  })

  it('answers 401 when the event token is wrong even with a valid signature', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, await feishuRequest(envelope('im.message.receive_v1', {}, 'wrong-token')))
    expect(res.status).toBe(401)
  })

  it('answers 400 with a reason for a body that is not JSON or fails the schema', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const notJson = await post(app, new Request('http://x/webhook/feishu', { method: 'POST', body: '{not json' }))
    expect(notJson.status).toBe(400)
    expect((await notJson.json()).error).toMatch(/JSON/)
    const badMessage = await post(app, await feishuRequest(envelope('im.message.receive_v1', { message: { chat_id: 'x' } })))
    expect(badMessage.status).toBe(400)
    expect((await badMessage.json()).error).toMatch(/sender|message/)
  })

  it('answers 413 for a body over 1 MiB', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, new Request('http://x/webhook/feishu', { method: 'POST', body: JSON.stringify({ encrypt: 'a'.repeat(1024 * 1024 + 10) }) }))
    expect(res.status).toBe(413)
  })

  it('answers 503 naming the missing credential', async () => {
    const noToken = testApp({ store, apiBase: api.url, env: { FEISHU_VERIFICATION_TOKEN: '' } }).app
    const r1 = await post(noToken, await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') })))
    expect(r1.status).toBe(503)
    expect((await r1.json()).error).toContain('FEISHU_VERIFICATION_TOKEN')
    const noApp = testApp({ store, apiBase: api.url, env: { FEISHU_APP_ID: '', FEISHU_APP_SECRET: '' } }).app
    const r2 = await post(noApp, await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') })))
    expect(r2.status).toBe(503)
    expect((await r2.json()).error).toContain('FEISHU_APP_ID')
  })

  it('answers 200 {} for an event type it does not handle', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, await feishuRequest(envelope('contact.user.created_v3', { object: {} })))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
  })
})

describe('POST /webhook/feishu: questions', () => {
  it('replies once with the answer card when the bot is mentioned in a group', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    const res = await post(app, await feishuRequest(textMessage({ text: '要不要做直播带货', chatId: uid('oc'), messageId })))
    expect(res.status).toBe(200)
    const sent = repliesTo(messageId)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.body.msg_type).toBe('interactive')
    expect(sent[0]!.body.uuid).toBeTruthy()
    expect(sent[0]!.auth).toMatch(/^Bearer t-fake-/)
    const card = JSON.parse(sent[0]!.body.content)
    expect(card.schema).toBe('2.0')
    const live = knowledge.byId.get('live-commerce')!
    expect(cardText(card)).toContain(live.title)
    expect(cardText(card)).toContain('2024')
  })

  it('stays silent for a group message that does not mention the bot', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '要不要做直播带货', chatId: uid('oc'), messageId, mentionBot: false })))
    expect(repliesTo(messageId)).toHaveLength(0)
  })

  it("answers a direct message without asking for the bot's open_id, which only a message with mentions needs", async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const botInfo = () => api.calls.filter((c) => c.path === '/open-apis/bot/v3/info').length
    const direct = uid('om')
    const before = botInfo()
    await post(app, await feishuRequest(textMessage({ text: '要不要做直播带货', chatId: uid('oc'), chatType: 'p2p', messageId: direct })))
    expect(repliesTo(direct)).toHaveLength(1)
    expect(botInfo()).toBe(before)
    const mention = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '要不要做直播带货', chatId: uid('oc'), messageId: mention })))
    expect(repliesTo(mention)).toHaveLength(1)
    expect(botInfo()).toBe(before + 1)
  })

  it('stays silent when someone else, not the bot, is mentioned', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    const ev = textMessage({ text: '要不要做直播带货', chatId: uid('oc'), messageId, mentionBot: false }) as any
    ev.event.message.content = JSON.stringify({ text: '@_user_1 要不要做直播带货' })
    ev.event.message.mentions = [{ key: '@_user_1', id: { open_id: 'ou_someone_else' }, name: '小王' }]
    await post(app, await feishuRequest(ev))
    expect(repliesTo(messageId)).toHaveLength(0)
  })

  it('answers the same way with the Node entry\'s node:crypto backend', async () => {
    const { app } = testApp({ store, apiBase: api.url, crypto: nodeCryptoBackend })
    const messageId = uid('om')
    expect((await post(app, await feishuRequest(textMessage({ text: '小红书搜索排名靠什么', chatId: uid('oc'), messageId })))).status).toBe(200)
    expect((await post(app, await feishuRequest(textMessage({ text: 'x', chatId: uid('oc') }), { tamper: true }))).status).toBe(401)
    expect(repliesTo(messageId)).toHaveLength(1)
  })

  it('always answers a direct message', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '关键词应该写在哪里', chatId: uid('oc'), chatType: 'p2p', messageId })))
    expect(repliesTo(messageId)).toHaveLength(1)
  })

  it('sends one reply for five concurrent deliveries of the same message, across two instances sharing Redis', async () => {
    const one = testApp({ store, apiBase: api.url }).app
    const other = redisStore(prefix)
    const two = testApp({ store: other, apiBase: api.url }).app
    const messageId = uid('om')
    const payload = textMessage({ text: '怎么提高搜索排名', chatId: uid('oc'), messageId })
    const results = await Promise.all([one, two, one, two, one].map(async (app) => post(app, await feishuRequest(payload))))
    await other.close()
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    expect(repliesTo(messageId)).toHaveLength(1)
  })

  it('continues from the session when the follow-up says 展开说说', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const chatId = uid('oc')
    const sender = uid('ou')
    await post(app, await feishuRequest(textMessage({ text: '要不要做直播带货', chatId, sender })))
    const followId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '展开说说', chatId, sender, messageId: followId })))
    const [reply] = repliesTo(followId)
    const text = cardText(JSON.parse(reply!.body.content))
    expect(text).toContain(knowledge.byId.get('live-commerce')!.followUp.slice(0, 12))
  })

  it('answers a question it cannot place with the honest fallback card', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '明天北京天气怎么样', chatId: uid('oc'), messageId })))
    const [reply] = repliesTo(messageId)
    const card = JSON.parse(reply!.body.content)
    expect(cardText(card)).not.toContain(knowledge.byId.get('live-commerce')!.answer.slice(0, 12))
    expect(card.header.title.content).toMatch(/不确定|不知道|没找到|不太懂|不在/)
  })

  it('sends a friendly notice once, then stays silent, when one user floods a chat', async () => {
    const { app } = testApp({ store, apiBase: api.url, env: { RATE_LIMIT_PER_MINUTE: '3' } })
    const chatId = uid('oc')
    const ids = Array.from({ length: 6 }, () => uid('om'))
    for (const messageId of ids) await post(app, await feishuRequest(textMessage({ text: '关键词怎么布局', chatId, messageId })))
    const counts = ids.map((id) => repliesTo(id).length)
    expect(counts).toEqual([1, 1, 1, 1, 0, 0])
    expect(cardText(JSON.parse(repliesTo(ids[3]!)[0]!.body.content))).toContain('慢一点')
  })
})

describe('POST /webhook/feishu: Open API failures', () => {
  it('refreshes the token and retries once on 99991663', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const before = api.tokenRequests()
    api.script('/reply$', { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization' } })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '新号还有机会吗', chatId: uid('oc'), messageId })))
    const attempts = repliesTo(messageId)
    expect(attempts).toHaveLength(2)
    expect(api.tokenRequests() - before).toBeGreaterThanOrEqual(1)
    expect(attempts[1]!.auth).not.toBe(attempts[0]!.auth)
  })

  it('backs off per x-ogw-ratelimit-reset on 429 and then delivers', async () => {
    const waits: number[] = []
    const { app } = testApp({ store, apiBase: api.url, sleep: async (ms) => void waits.push(ms) })
    api.script('/reply$', { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '2' } })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '探店号能做吗', chatId: uid('oc'), messageId })))
    // at least the 2 s Feishu asked for, plus a little jitter so replies limited together do not retry together
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeGreaterThanOrEqual(2000)
    expect(waits[0]).toBeLessThan(2500)
    const tries = repliesTo(messageId)
    expect(tries).toHaveLength(2)
    expect(tries[1]!.body.uuid).toBe(tries[0]!.body.uuid)
  })

  it('logs a failure that is not retryable with the message id, without the secret', async () => {
    const { app, logs } = testApp({ store, apiBase: api.url })
    api.script('/reply$', { status: 400, body: { code: 230011, msg: 'message recalled' } })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '探店号能做吗', chatId: uid('oc'), messageId })))
    expect(logs.some((l) => l.includes(messageId) && l.includes('230011'))).toBe(true)
    expect(logs.join('\n')).not.toContain('secret_test')
    expect(logs.join('\n')).not.toContain(ENCRYPT_KEY)
  })
})

describe('POST /webhook/feishu: buttons', () => {
  it('answers a related-question button with that intent and acknowledges within the callback', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const before = api.sent('reply').length
    const res = await post(app, await feishuRequest(cardAction({ type: 'ask', intent: 'keyword-layout' }, uid('oc'))))
    expect(res.status).toBe(200)
    expect((await res.json()).toast).toBeTruthy()
    const sent = api.sent('reply').slice(before)
    expect(sent).toHaveLength(1)
    expect(cardText(JSON.parse(sent[0]!.body.content))).toContain(knowledge.byId.get('keyword-layout')!.title)
  })

  it('counts 👍/👎 per intent in the store and answers with a toast, once per user', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const user = uid('ou')
    const today = localDate(new Date(), 'Asia/Shanghai')
    const ups = async () => (await readVotes(store, today)).decentralization?.up ?? 0
    const before = await ups()
    const r1 = await post(app, await feishuRequest(cardAction({ type: 'feedback', intent: 'decentralization', vote: 'up' }, uid('oc'), user)))
    expect((await r1.json()).toast.content).toContain('👍')
    const r2 = await post(app, await feishuRequest(cardAction({ type: 'feedback', intent: 'decentralization', vote: 'up' }, uid('oc'), user)))
    expect((await r2.json()).toast.content).toContain('已经反馈')
    expect(await ups()).toBe(before + 1)
  })

  it('declines a button value that is not one of ours', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const res = await post(app, await feishuRequest(cardAction({ type: 'rm -rf' }, uid('oc'))))
    expect(res.status).toBe(200)
    expect((await res.json()).toast.type).toBe('warning')
  })
})

describe('POST /webhook/feishu: title check, tips and membership', () => {
  it('replies to an @mention with a draft title with the title-check card', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '标题检查 全网最低价！加vx领取', chatId: uid('oc'), messageId })))
    const [reply] = repliesTo(messageId)
    const card = JSON.parse(reply!.body.content)
    expect(card.header.title.content).toMatch(/\d+\s*分/)
    expect(cardText(card)).toContain('全网最低')
  })

  it('shows today\'s tip at once for /tip', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const messageId = uid('om')
    await post(app, await feishuRequest(textMessage({ text: '/tip', chatId: uid('oc'), messageId })))
    const card = JSON.parse(repliesTo(messageId)[0]!.body.content)
    expect(card.header.title.content).toMatch(/tip/i)
  })

  it('subscribes a group when the bot is added and drops it when the bot is removed', async () => {
    const { app } = testApp({ store, apiBase: api.url })
    const chatId = uid('oc')
    await post(app, await feishuRequest(envelope('im.chat.member.bot.added_v1', { chat_id: chatId, operator_id: { open_id: 'ou_admin' }, external: false })))
    expect(await isSubscribed(store, 'feishu', chatId)).toBe(true)
    await post(app, await feishuRequest(envelope('im.chat.member.bot.deleted_v1', { chat_id: chatId, operator_id: { open_id: 'ou_admin' }, external: false })))
    expect(await isSubscribed(store, 'feishu', chatId)).toBe(false)
  })

  it('does not subscribe on join when TIP_AUTO_SUBSCRIBE=false', async () => {
    const { app } = testApp({ store, apiBase: api.url, env: { TIP_AUTO_SUBSCRIBE: 'false' } })
    const chatId = uid('oc')
    await post(app, await feishuRequest(envelope('im.chat.member.bot.added_v1', { chat_id: chatId })))
    expect(await isSubscribed(store, 'feishu', chatId)).toBe(false)
  })
})

describe('POST /webhook/feishu: Redis unavailable', () => {
  it('keeps answering from memory and reports redis down on /healthz', async () => {
    const logs: string[] = []
    const { store: deadRedis } = createStore({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: 'xhs-test:' }, { failover: { log: (m) => logs.push(m) } })
    const { app } = testApp({ store: deadRedis, apiBase: api.url })
    const messageId = uid('om')
    const res = await post(app, await feishuRequest(textMessage({ text: '怎么做本地探店', chatId: uid('oc'), messageId })))
    expect(res.status).toBe(200)
    expect(repliesTo(messageId)).toHaveLength(1)
    const health = await (await post(app, new Request('http://x/healthz'))).json()
    expect(health).toMatchObject({ ok: true, store: 'redis', redis: 'down' })
    expect(logs.some((l) => /unavailable/i.test(l))).toBe(true)
    await deadRedis.close()
  })
})
