// End to end through the Feishu webhook (encrypted, signed, real Redis, the fake Open API): what a member sees
// for a near miss, for another platform, for small talk, for 帮助, for a question between two topics, and that an
// in-scope answer is unchanged.
import { describe, expect, it } from 'vitest'
import { answerReply } from '../../../handlers/replies'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import { renderFeishuCard } from '../../../src/platforms/feishu/card'
import { redisStore, testApp } from '../../helpers/app'
import { feishuRequest, testCtx, textMessage, uid } from '../../helpers/feishu'
import { testPrefix } from '../../helpers/redis-test-store'
import { fakeOpenApiWith } from '../../helpers/open-api-fixture'

const knowledge = loadKnowledge()
const prefix = testPrefix('honest-replies')
const { api, store } = fakeOpenApiWith(redisStore(prefix))

/** Sends one group message that @-mentions the bot and returns the card of the one reply it got. */
async function ask(text: string, opts: { chatId?: string; sender?: string } = {}): Promise<any> {
  const { app } = testApp({ store, apiBase: api.url })
  const messageId = uid('om')
  const t = testCtx()
  const res = await app.fetch(await feishuRequest(textMessage({ text, chatId: opts.chatId ?? uid('oc'), sender: opts.sender, messageId })), {}, t.ctx)
  await t.settle()
  expect(res.status).toBe(200)
  const sent = api.sent('reply').filter((c) => c.path === `/open-apis/im/v1/messages/${messageId}/reply`)
  expect(sent).toHaveLength(1)
  return JSON.parse(sent[0]!.body.content)
}

function buttonValues(card: unknown): any[] {
  const out: any[] = []
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk)
    else if (n && typeof n === 'object') {
      if ((n as { tag?: unknown }).tag === 'button') out.push((n as { behaviors: { value: unknown }[] }).behaviors[0]!.value)
      Object.values(n).forEach(walk)
    }
  }
  walk(card)
  return out
}

const text = (card: unknown) => JSON.stringify(card)

describe('Feishu webhook: answer only what the article covers', () => {
  it('says plainly that the article does not cover a near miss, and offers the related topics as buttons', async () => {
    const card = await ask('封面用什么app做比较好看啊')
    expect(card.header.title.content).toBe('文章没有讲到这个')
    expect(text(card)).toContain('文章没有讲到「封面用什么app做」，它讲到的相关内容是')
    const keyword = knowledge.byId.get('keyword-layout')!
    expect(text(card)).toContain(`「${keyword.title}」`)
    expect(text(card)).not.toContain(keyword.answer.slice(0, 16))
    const values = buttonValues(card)
    expect(values.length).toBeGreaterThan(0)
    expect(values.every((v) => v.type === 'ask')).toBe(true)
    expect(values).toContainEqual({ type: 'ask', intent: 'keyword-layout' })
  })

  it('does not answer another platform\'s operations as if they were about 小红书', async () => {
    const card = await ask('抖音怎么开直播')
    expect(card.header.title.content).toBe('这是抖音的问题')
    expect(text(card)).not.toContain(knowledge.byId.get('live-commerce')!.answer.slice(0, 16))
    expect(buttonValues(card)).toEqual([{ type: 'ask', intent: 'platform-compare' }])
  })

  it('answers 谢谢 with a friendly 不客气 and one suggestion, never "这个我不确定"', async () => {
    const card = await ask('谢谢')
    expect(card.header.title.content).toBe('不客气～')
    expect(text(card)).not.toContain('不确定')
    const values = buttonValues(card)
    expect(values).toHaveLength(1)
    expect(values[0].type).toBe('ask')
  })

  it('suggests a topic related to the last answer after 谢谢', async () => {
    const chatId = uid('oc')
    const sender = uid('ou')
    await ask('要不要做直播带货', { chatId, sender })
    const card = await ask('谢谢！', { chatId, sender })
    expect(buttonValues(card)).toEqual([{ type: 'ask', intent: knowledge.byId.get('live-commerce')!.related[0] }])
  })

  it('answers 在吗 with the help card', async () => {
    const card = await ask('在吗')
    expect(card.header.title.content).toBe('红书参谋能做什么')
    expect(text(card)).toContain('在的')
    expect(text(card)).toContain('标题检查')
  })

  it('answers 帮助 with the help card', async () => {
    expect((await ask('帮助')).header.title.content).toBe('红书参谋能做什么')
  })

  it('answers with the best topic and offers a close second one as its first button', async () => {
    const card = await ask('号被限流了是不是因为粉丝太少')
    expect(card.header.title.content).toBe(knowledge.byId.get('account-safety')!.title)
    expect(text(card)).toContain(`也可能你问的是「${knowledge.byId.get('follower-vs-money')!.title}」：下面第一个相关问题就是它。`)
    expect(buttonValues(card)[0]).toEqual({ type: 'ask', intent: 'follower-vs-money' })
  })

  it('leaves an in-scope answer exactly as it was (its 👍/👎 carry the logged question\'s id)', async () => {
    const card = await ask('要不要做直播带货')
    const questionId = /"question":"([0-9a-z]+)"/.exec(JSON.stringify(card))?.[1]
    expect(questionId).toBeDefined()
    expect(card).toEqual(renderFeishuCard(answerReply(knowledge, 'live-commerce', { questionId })))
  })
})
