// The operator's loop inside workerd: the bundled Worker teaches, answers with the taught phrasing, and logs to Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feishuVars, startTestWorker, type TestWorker } from '../helpers/workerd'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, feishuRequest, textMessage, uid } from '../helpers/feishu'
import { deleteKeys, keysUnder, randomPrefix } from '../helpers/redis-test-store'

/** The honest not-answered titles: low confidence, or a subject the article does not cover. */
const UNANSWERED = /这个我不确定|文章没有讲到这个/

const knowledge = loadKnowledge()
const prefix = randomPrefix('worker-operator')
const ADMIN = 'ou_worker_admin'
let worker: TestWorker
let api: FakeOpenApi

beforeAll(async () => {
  api = new FakeOpenApi(BOT)
  await api.start()
  worker = await startTestWorker(prefix, { ...feishuVars(api.url), ADMIN_IDS: ADMIN })
}, 120_000)

afterAll(async () => {
  await worker?.dispose()
  await api?.stop()
  await deleteKeys(prefix)
})

async function say(chatId: string, sender: string, message: string): Promise<any> {
  const messageId = uid('om')
  const req = await feishuRequest(textMessage({ text: message, chatId, sender, messageId }))
  const res = await worker.fetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() })
  expect(res.status).toBe(200)
  const end = Date.now() + 10_000
  const mine = () => api.sent('reply').filter((c) => c.path.includes(messageId))
  while (!mine().length && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
  expect(mine()).toHaveLength(1)
  return JSON.parse(mine()[0]!.body.content)
}

describe('operator loop in workerd', () => {
  it('teaches with /教, answers the phrasing on the next message, and counts it in /统计', async () => {
    const chatId = uid('oc')
    const topic = knowledge.byId.get('local-life')!.title
    expect((await say(chatId, 'ou_member', '餐饮店适合在红书投放吗')).header.title.content).toMatch(UNANSWERED)
    expect((await say(chatId, ADMIN, '/教 餐饮店适合在红书投放吗 => local-life')).header.title.content).toBe(`已教会 ✅ ${topic}`)
    expect((await say(chatId, 'ou_member', '餐饮店适合在红书投放吗？')).header.title.content).toBe(topic)
    const stats = JSON.stringify(await say(chatId, ADMIN, '/统计'))
    expect(stats).toContain('**提问**：2（1 人）')
    expect(stats).toContain('**没答上**：1')
    expect(await keysUnder(prefix)).toEqual(expect.arrayContaining(['qlog:chats', 'qlog:salt', `qlog:chat:feishu:${chatId}`, 'taught:phrasings', 'taught:version']))
  })
})
