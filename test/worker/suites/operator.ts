// The operator's loop inside workerd: the bundled Worker teaches, answers with the taught phrasing, and logs to Redis.
// Run by test/worker/workerd.test.ts on the shared workerd.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import { feishuRequest, textMessage, uid } from '../../helpers/feishu'
import { keysUnder } from '../../helpers/redis-test-store'
import { workerd } from '../../helpers/shared-workerd'

/** The honest not-answered titles: low confidence, or a subject the article does not cover. */
const UNANSWERED = /这个我不确定|文章没有讲到这个/

const knowledge = loadKnowledge()

async function say(chatId: string, sender: string, message: string): Promise<any> {
  const messageId = uid('om')
  const req = await feishuRequest(textMessage({ text: message, chatId, sender, messageId }))
  const res = await workerd.worker.fetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() })
  expect(res.status).toBe(200)
  const end = Date.now() + 10_000
  const mine = () => workerd.api.sent('reply').filter((c) => c.path.includes(messageId))
  while (!mine().length && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
  expect(mine()).toHaveLength(1)
  return JSON.parse(mine()[0]!.body.content)
}

export function operatorSuite() {
  describe('operator loop in workerd', () => {
    it('teaches with /教, answers the phrasing on the next message, and counts it in /统计', async () => {
      const chatId = uid('oc')
      const topic = knowledge.byId.get('local-life')!.title
      expect((await say(chatId, 'ou_member', '餐饮店适合在红书投放吗')).header.title.content).toMatch(UNANSWERED)
      expect((await say(chatId, workerd.admin, '/教 餐饮店适合在红书投放吗 => local-life')).header.title.content).toBe(`已教会 ✅ ${topic}`)
      expect((await say(chatId, 'ou_member', '餐饮店适合在红书投放吗？')).header.title.content).toBe(topic)
      const stats = JSON.stringify(await say(chatId, workerd.admin, '/统计'))
      expect(stats).toContain('**提问**：2（1 人）')
      expect(stats).toContain('**没答上**：1')
      expect(await keysUnder(workerd.prefix)).toEqual(expect.arrayContaining(['qlog:chats', 'qlog:salt', `qlog:chat:feishu:${chatId}`, 'taught:phrasings', 'taught:version']))
    })
  })
}
