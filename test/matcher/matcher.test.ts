import { describe, expect, it } from 'vitest'
import { decide, DEFAULT_GATE } from '../../src/matcher/gate'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { createMatcher, getMatcher } from '../../src/matcher/matcher'

const knowledge = loadKnowledge()
const matcher = getMatcher(knowledge)

describe('confidence gate', () => {
  it('accepts a clear winner', () => {
    expect(decide(DEFAULT_GATE, 0.6, 0.2, 0.1)).toBe(true)
  })
  it('rejects a best score under the threshold', () => {
    expect(decide(DEFAULT_GATE, DEFAULT_GATE.threshold - 0.01, 0, 0)).toBe(false)
  })
  it('rejects when the runner-up is within the margin', () => {
    expect(decide(DEFAULT_GATE, 0.6, 0.6 - DEFAULT_GATE.margin / 2, 0)).toBe(false)
  })
  it('rejects when the out-of-scope examples match at least as well', () => {
    expect(decide(DEFAULT_GATE, 0.3, 0.1, 0.3)).toBe(false)
  })

  it('answers a strong in-scope match even when one off-topic example is as close', () => {
    expect(decide(DEFAULT_GATE, 0.6, 0.1, 0.6)).toBe(true)
    expect(decide({ ...DEFAULT_GATE, strongAnswer: undefined }, 0.6, 0.1, 0.6)).toBe(false)
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
    '你好',
    '',
    '🙏🙏🙏',
  ])('falls back on off-topic %j', (text) => {
    expect(matcher.match(text).intent).toBeNull()
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
