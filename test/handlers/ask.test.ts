import { describe, expect, it } from 'vitest'
import type { HandlerContext, Session } from '../../src/bot/handler'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import type { ButtonAction } from '../../src/bot/message'
import { MemoryStore } from '../../src/store/memory'
import type { MatchResult } from '../../src/matcher/matcher'
import { askHandler, answerReply, fallbackReply, helpReply, replyForMatch } from '../../handlers/ask'
import { askButtonHandler } from '../../handlers/button'
import { followUpHandler, isFollowUp } from '../../handlers/follow-up'
import { helpHandler, isHelpRequest } from '../../handlers/help'
import { closeRunnerUp, nearMissReply, otherPlatformReply } from '../../handlers/replies'
import { smallTalkHandler, smallTalkReply } from '../../handlers/small-talk'

const knowledge = loadKnowledge()

function ctx(text: string, session: Session = { depth: 0 }, action?: ButtonAction): HandlerContext {
  return {
    msg: { platform: 'feishu', chatId: 'oc_1', chatType: 'group', messageId: `om_${Math.random()}`, senderId: 'ou_1', text, mentionsBot: true, action },
    session,
    store: new MemoryStore(),
    knowledge,
    now: new Date('2024-05-01T01:00:00Z'),
    timeZone: 'Asia/Shanghai',
    isAdmin: true,
  }
}

describe('ask handler', () => {
  it('answers a question with the intent, points, a 2024 source line and related + feedback buttons', async () => {
    const c = ctx('要不要做直播带货')
    const reply = await askHandler(c)
    expect(reply?.kind).toBe('answer')
    expect(reply?.intent).toBe('live-commerce')
    expect(reply?.blocks.some((b) => b.kind === 'points')).toBe(true)
    expect(reply?.source).toContain('四.3')
    expect(reply?.source).toContain('2024年文章')
    const actions = reply?.buttons.map((b) => b.action) ?? []
    expect(actions.filter((a) => a.type === 'ask')).toHaveLength(3)
    expect(actions).toContainEqual({ type: 'feedback', intent: 'live-commerce', vote: 'up' })
    expect(actions).toContainEqual({ type: 'feedback', intent: 'live-commerce', vote: 'down' })
    expect(c.session).toEqual({ lastIntent: 'live-commerce', depth: 0 })
  })

  it('falls back honestly with "你是不是想问" buttons and a help hint on an off-topic question', async () => {
    const c = ctx('小红书密码忘了怎么办')
    const reply = await askHandler(c)
    expect(reply?.kind).toBe('fallback')
    expect(reply?.intent).toBeUndefined()
    expect(reply?.blocks.map((b) => (b.kind === 'markdown' ? b.text : '')).join('')).toMatch(/不在我的知识范围/)
    expect(reply?.blocks.map((b) => (b.kind === 'markdown' ? b.text : '')).join('')).toContain('帮助')
    expect(reply?.buttons.length).toBeLessThanOrEqual(3)
    expect(reply?.buttons.every((b) => b.action.type === 'ask')).toBe(true)
    expect(c.session.lastIntent).toBeUndefined()
  })

  it('carries the matcher\'s decision and reason on the reply', async () => {
    expect((await askHandler(ctx('要不要做直播带货')))?.decision).toMatchObject({ intent: 'live-commerce', reason: 'answered' })
    expect((await askHandler(ctx('抖音怎么开直播')))?.decision).toMatchObject({ intent: null, reason: 'other platform: 抖音' })
    expect((await askHandler(ctx('剪映怎么加字幕')))?.decision).toMatchObject({ intent: null, reason: 'uncovered: 剪映' })
  })

  it('says what the article does not cover, with related topics, and starts no session', async () => {
    const c = ctx('封面用什么app做比较好看啊')
    const reply = await askHandler(c)
    expect(reply?.kind).toBe('fallback')
    expect(reply?.title).toBe('文章没有讲到这个')
    expect(JSON.stringify(reply?.blocks)).toContain('文章没有讲到「封面用什么app做」')
    expect(reply?.buttons.length).toBeGreaterThan(0)
    expect(reply?.buttons.every((b) => b.action.type === 'ask')).toBe(true)
    expect(c.session.lastIntent).toBeUndefined()
  })

  it('does not call an everyday question a near miss of some topic', async () => {
    const reply = await askHandler(ctx('蒜蓉粉丝怎么蒸'))
    expect(reply?.title).toBe('这个我不确定')
    expect(reply?.buttons).toEqual([])
  })

  it('answers small talk and 帮助 without the fallback', async () => {
    expect((await askHandler(ctx('谢谢')))?.title).toBe('不客气～')
    expect((await askHandler(ctx('帮助')))?.kind).toBe('help')
  })

  it('leaves button presses and empty text to other handlers', async () => {
    expect(await askHandler(ctx(''))).toBeNull()
    expect(await askHandler(ctx('', { depth: 0 }, { type: 'feedback', intent: 'help', vote: 'up' }))).toBeNull()
  })
})

describe('follow-up handler', () => {
  it.each(['展开说说', '详细点', '还有吗', '继续', '具体呢', '然后呢', '能再详细一点吗？'])('treats %s as a follow-up', (t) => {
    expect(isFollowUp(t)).toBe(true)
  })
  it.each(['那新号呢', '那探店呢', '直播带货详细说说怎么做', '关键词'])('does not swallow the question %s', (t) => {
    expect(isFollowUp(t)).toBe(false)
  })

  it('answers the deeper follow-up of the last intent and counts depth', async () => {
    const c = ctx('展开说说', { lastIntent: 'keyword-layout', depth: 0 })
    const reply = await followUpHandler(c)
    expect(reply?.intent).toBe('keyword-layout')
    expect(reply?.blocks[0]).toEqual({ kind: 'markdown', text: knowledge.byId.get('keyword-layout')?.followUp })
    expect(c.session.depth).toBe(1)
  })

  it('offers related topics once the follow-up has been given', async () => {
    const c = ctx('还有吗', { lastIntent: 'keyword-layout', depth: 1 })
    const reply = await followUpHandler(c)
    expect(reply?.title).toContain('就这些了')
    expect(reply?.buttons.filter((b) => b.action.type === 'ask').map((b) => (b.action as { intent: string }).intent)).toEqual(
      knowledge.byId.get('keyword-layout')?.related.slice(0, 3),
    )
    expect(c.session.depth).toBe(2)
  })

  it('says there is nothing to expand yet when no answer was given in this session', async () => {
    const reply = await followUpHandler(ctx('展开说说'))
    expect(reply?.kind).toBe('notice')
    expect(reply?.title).toContain('先问我一个问题')
  })

  it('lets an elliptical question after an answer go to the matcher', async () => {
    const c = ctx('那新号呢', { lastIntent: 'live-commerce', depth: 1 })
    expect(await followUpHandler(c)).toBeNull()
    expect((await askHandler(c))?.intent).toBe('new-account')
    expect(c.session).toEqual({ lastIntent: 'new-account', depth: 0 })
  })
})

describe('help handler', () => {
  it.each(['帮助', 'help', '/help', 'HELP', '怎么用', '你能做什么', '@红书参谋 帮助', '使用说明'])('shows the help card for %s', async (t) => {
    expect(isHelpRequest(t)).toBe(true)
    expect((await helpHandler(ctx(t)))?.kind).toBe('help')
  })
  it('does not take questions that merely contain a help word', () => {
    expect(isHelpRequest('关键词怎么用')).toBe(false)
    expect(isHelpRequest('选品中心怎么用')).toBe(false)
  })
  it('lists questions, 标题检查, /tip and /订阅 /退订', () => {
    const text = JSON.stringify(helpReply(knowledge).blocks)
    for (const s of ['标题检查', '/tip', '/订阅', '/退订', '展开说说']) expect(text).toContain(s)
  })
})

describe('ask button handler', () => {
  it('answers the intent named by an ask button and starts a session on it', async () => {
    const c = ctx('', { lastIntent: 'help', depth: 2 }, { type: 'ask', intent: 'local-life' })
    const reply = await askButtonHandler(c)
    expect(reply?.intent).toBe('local-life')
    expect(c.session).toEqual({ lastIntent: 'local-life', depth: 0 })
  })
  it('ignores feedback buttons and unknown intents', async () => {
    expect(await askButtonHandler(ctx('', { depth: 0 }, { type: 'feedback', intent: 'local-life', vote: 'up' }))).toBeNull()
    expect(await askButtonHandler(ctx('', { depth: 0 }, { type: 'ask', intent: 'no-such-intent' }))).toBeNull()
  })
})

describe('a close runner-up', () => {
  const answered = (candidates: MatchResult['candidates']): MatchResult =>
    ({ intent: candidates[0]!.intent, score: candidates[0]!.score, candidates, decision: { kind: 'answered' }, reason: 'answered' })
  const asks = (r: { buttons: { action: ButtonAction }[] }) => r.buttons.map((b) => b.action).filter((a) => a.type === 'ask').map((a) => a.type === 'ask' && a.intent)

  it('is named on the answer card and offered as its first topic button, keeping three topic buttons', () => {
    const reply = replyForMatch(knowledge, answered([{ intent: 'account-safety', score: 0.42 }, { intent: 'follower-vs-money', score: 0.24 }]), { depth: 0 })
    const also = knowledge.byId.get('follower-vs-money')!.title
    expect(reply.blocks).toContainEqual({ kind: 'markdown', text: `也可能你问的是「${also}」：下面第一个相关问题就是它。` })
    expect(asks(reply)).toEqual(['follower-vs-money', ...knowledge.byId.get('account-safety')!.related.filter((id) => id !== 'follower-vs-money')].slice(0, 3))
    expect(reply.intent).toBe('account-safety')
  })

  it('leaves the card as it was when the second topic is far behind, is help, or is the same topic', () => {
    const plain = answerReply(knowledge, 'account-safety')
    const without = (r: ReturnType<typeof replyForMatch>) => ({ ...r, decision: undefined })
    for (const second of [{ intent: 'follower-vs-money', score: 0.2 }, { intent: 'help', score: 0.4 }, { intent: 'account-safety', score: 0.4 }]) {
      expect(without(replyForMatch(knowledge, answered([{ intent: 'account-safety', score: 0.42 }, second]), { depth: 0 }))).toEqual({ ...plain, decision: undefined })
    }
    expect(closeRunnerUp(knowledge, [{ intent: 'account-safety', score: 1 }])).toBeUndefined()
  })

  it('is only on the first card: the deeper follow-up keeps the topic\'s own related buttons', () => {
    expect(answerReply(knowledge, 'account-safety', { depth: 1, alsoAsked: 'follower-vs-money' })).toEqual(answerReply(knowledge, 'account-safety', { depth: 1 }))
  })
})

describe('reply builders', () => {
  it('answerReply with depth 1 gives the followUp text', () => {
    expect(answerReply(knowledge, 'new-account', { depth: 1 }).blocks[0]).toEqual({ kind: 'markdown', text: knowledge.byId.get('new-account')?.followUp })
  })
  it('answerReply for help gives the help card', () => {
    expect(answerReply(knowledge, 'help').kind).toBe('help')
  })
  it('fallbackReply offers at most 3 candidates', () => {
    const r = fallbackReply(knowledge, [
      { intent: 'worth-doing', score: 0.2 }, { intent: 'new-account', score: 0.1 },
      { intent: 'local-life', score: 0.1 }, { intent: 'help', score: 0.05 },
    ])
    expect(r.buttons.map((b) => b.label)).toEqual(['你是不是想问：2024还值得做小红书吗', '你是不是想问：新号还有机会吗', '你是不是想问：本地生活与探店'])
  })
})

describe('small talk', () => {
  it.each([
    ['你好', 'help'], ['在吗', 'help'], ['你是谁', 'help'],
    ['谢谢', 'notice'], ['你真棒', 'notice'], ['答非所问', 'notice'], ['拜拜', 'notice'], ['好的', 'notice'], ['哈哈哈', 'notice'],
  ])('answers %s with a friendly %s card, never the fallback', async (text, kind) => {
    const reply = await smallTalkHandler(ctx(text))
    expect(reply?.kind).toBe(kind)
    expect(reply?.decision).toEqual({ intent: null, score: 0, reason: 'smalltalk' })
    expect(JSON.stringify(reply)).not.toContain('不确定')
  })

  it('leaves questions, even ones that start with a greeting, to the ask handler', async () => {
    expect(await smallTalkHandler(ctx('你好，新号怎么起步'))).toBeNull()
    expect(await smallTalkHandler(ctx('关键词写在哪'))).toBeNull()
  })

  it('suggests one topic after thanks: related to the last answer, else a starting topic', () => {
    expect(smallTalkReply(knowledge, 'thanks', { lastIntent: 'keyword-layout', depth: 0 }).buttons).toEqual([
      { label: `看看：${knowledge.byId.get('content-style')?.title}`, action: { type: 'ask', intent: 'content-style' } },
    ])
    expect(smallTalkReply(knowledge, 'thanks').buttons).toHaveLength(1)
  })

  it('offers the help card and feedback hint after a complaint', () => {
    const reply = smallTalkReply(knowledge, 'complaint')
    expect(JSON.stringify(reply.blocks)).toContain('👎')
    expect(reply.buttons).toEqual([{ label: '看看我能做什么', action: { type: 'command', command: '帮助' } }])
  })
})

describe('near-miss and other-platform replies', () => {
  it('lists at most three related topics, leaves out help and weak candidates', () => {
    const r = nearMissReply(knowledge, '封面用什么app做', [
      { intent: 'keyword-layout', score: 0.4 }, { intent: 'help', score: 0.3 }, { intent: 'content-style', score: 0.2 }, { intent: 'local-life', score: 0.05 },
    ])
    expect(r.kind).toBe('fallback')
    expect(r.buttons.map((b) => b.action)).toEqual([{ type: 'ask', intent: 'keyword-layout' }, { type: 'ask', intent: 'content-style' }])
  })

  it('falls back to the plain card when no topic is close', () => {
    expect(nearMissReply(knowledge, '密码', [{ intent: 'account-safety', score: 0.05 }]).title).toBe('这个我不确定')
  })

  it('points a title-length question at 标题检查', () => {
    expect(JSON.stringify(nearMissReply(knowledge, '标题最多能写多少字', [{ intent: 'keyword-layout', score: 0.3 }]).blocks)).toContain('标题检查')
  })

  it('names the other platform and offers the comparison topic', () => {
    const r = otherPlatformReply(knowledge, '拼多多')
    expect(r.title).toBe('这是拼多多的问题')
    expect(r.buttons.map((b) => b.action)).toEqual([{ type: 'ask', intent: 'platform-compare' }])
  })
})
