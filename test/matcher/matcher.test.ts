import { describe, expect, it } from 'vitest'
import { splitClauses } from '../../src/matcher/scope/clauses'
import { decideScope, SCOPE_GATE } from '../../src/matcher/scope/decide'
import type { CoverageCheck } from '../../src/matcher/scope/uncovered'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { createMatcher, getMatcher } from '../../src/matcher/matcher'

const knowledge = loadKnowledge()
const matcher = getMatcher(knowledge)

const clauses = (text: string) => splitClauses(text, matcher.canonical)
const nothingUncovered: CoverageCheck = () => ({})

describe('confidence gate (scope decision on the similarity scores)', () => {
  const g = SCOPE_GATE
  const decideOn = (best: number, runnerUp: number, outOfScope: number, covers = nothingUncovered, learnedOutOfScope = 0) =>
    decideScope(clauses('新号还有机会吗'), { best, runnerUp, outOfScope, learnedOutOfScope }, covers).kind

  it('accepts a clear winner', () => {
    expect(decideOn(0.6, 0.2, 0.1)).toBe('answered')
  })
  it('rejects a best score under the threshold', () => {
    expect(decideOn(g.threshold - 0.01, 0, 0)).toBe('low-confidence')
  })
  it('rejects when the runner-up is within the margin', () => {
    expect(decideOn(0.6, 0.6 - g.margin / 2, 0)).toBe('low-confidence')
  })
  it('rejects when the out-of-scope examples match at least as well', () => {
    expect(decideOn(0.3, 0.1, 0.3)).toBe('low-confidence')
  })
  it('answers a strong in-scope match even when one off-topic example is as close', () => {
    expect(decideOn(0.6, 0.1, 0.6)).toBe('answered')
  })
  it('lowers the confidence of a question that mentions an uncovered term in passing', () => {
    const background: CoverageCheck = () => ({ product: '薯条' })
    expect(decideOn(g.threshold + g.backgroundPenalty + 0.01, 0, 0, background)).toBe('answered')
    expect(decideOn(g.threshold + g.backgroundPenalty - 0.01, 0, 0, background)).toBe('uncovered')
  })
  it('refuses what the scope model finds off-topic enough, however strong the match', () => {
    expect(decideOn(0.99, 0, 0, nothingUncovered, g.learnedRefusal - 0.01)).toBe('answered')
    expect(decideOn(0.99, 0, 0, nothingUncovered, g.learnedRefusal)).toBe('low-confidence')
  })
  it('takes the scope model\'s off-topic probability, weighted, off the best score before the threshold', () => {
    const p = 0.5
    expect(decideOn(g.threshold + g.learnedPenalty * p + 0.01, 0, 0, nothingUncovered, p)).toBe('answered')
    expect(decideOn(g.threshold + g.learnedPenalty * p - 0.01, 0, 0, nothingUncovered, p)).toBe('low-confidence')
  })
  it('never answers a question that asks how to work a feature the article does not cover, however similar', () => {
    expect(decideOn(0.99, 0, 0, () => ({ productAsked: '小黄车' }))).toBe('uncovered')
    expect(decideOn(0.99, 0, 0, () => ({ asks: '用什么app' }))).toBe('uncovered')
    expect(decideOn(0.99, 0, 0, () => ({ everydayAsked: '猫砂' }))).toBe('uncovered')
  })
})

describe('matcher', () => {
  it('is built once per knowledge object', () => {
    expect(getMatcher(knowledge)).toBe(matcher)
  })

  it('returns intent, a 0..1 score and up to 3 candidates best first', () => {
    const r = matcher.match('小红书直播带货现在还值得做吗')
    expect(r.intent).toBe('live-commerce')
    expect(r.score).toBeGreaterThan(0)
    expect(r.score).toBeLessThanOrEqual(1)
    expect(r.candidates.length).toBeLessThanOrEqual(3)
    expect(r.candidates[0]?.intent).toBe('live-commerce')
    const scores = r.candidates.map((c) => c.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
  })

  it.each([
    ['那新号呢', 'new-account'],
    ['那探店呢', 'local-life'],
    ['@红书参谋 红薯上直播卖货还行吗😂', 'live-commerce'],
    ['关键字放哪里比较好', 'keyword-layout'],
    ['xhs和dy到底选哪个', 'platform-compare'],
  ])('understands %s', (text, intent) => {
    expect(matcher.match(text).intent).toBe(intent)
  })

  it.each([
    '今天北京天气怎么样',
    '帮我写个Python爬虫',
    '小红书密码忘了怎么找回',
    '怎么注销小红书账号',
    '小红书客服电话是多少',
    '微信怎么发红包',
    '',
    '🙏🙏🙏',
  ])('falls back on off-topic %j', (text) => {
    expect(matcher.match(text).intent).toBeNull()
  })

  it.each([
    ['帮助', 'help', 'help'],
    ['@红书参谋 使用说明', 'help', 'help'],
    ['新号还有机会吗', 'new-account', 'answered'],
    ['你好', null, 'smalltalk'],
    ['谢谢', null, 'smalltalk'],
    ['抖音怎么开直播', null, 'other platform: 抖音'],
    ['封面用什么app做比较好看', null, 'uncovered: 用什么app'],
    ['剪映怎么加字幕', null, 'uncovered: 剪映'],
    ['猫砂哪个牌子好', null, 'uncovered: 猫砂'],
  ])('explains its decision on %s: intent %s, reason %s', (text, intent, reason) => {
    const r = matcher.match(text)
    expect(r.intent).toBe(intent)
    expect(r.reason).toBe(reason)
  })

  it('puts help first with full confidence when 帮助 is the whole message', () => {
    const r = matcher.match('帮助')
    expect(r.score).toBe(1)
    expect(r.candidates[0]).toEqual({ intent: 'help', score: 1 })
  })

  it('never offers the internal out-of-scope class as a candidate', () => {
    const r = matcher.match('今天天气怎么样')
    expect(r.candidates.every((c) => knowledge.byId.has(c.intent))).toBe(true)
  })

  it('gives the same answers for the same knowledge (the trained part is deterministic)', () => {
    const again = createMatcher(knowledge)
    for (const text of ['新号怎么起步', '怎么接品牌合作', '关键词放哪里']) expect(again.match(text)).toEqual(matcher.match(text))
  })

  it('can judge a phrasing without itself (for the knowledge lint)', () => {
    const p = knowledge.intents[0]!.phrasings[0]!
    const withItself = matcher.match(p)
    const without = matcher.match(p, { ignoreIdentical: true })
    expect(withItself.intent).toBe(knowledge.intents[0]!.id)
    expect(without.score).toBeLessThan(withItself.score)
  })
})
