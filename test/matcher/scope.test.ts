// The parts of the scope decision one at a time: small talk, help, other platforms, uncovered terms, the quote.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher, isHelpRequest, smallTalkTopic } from '../../src/matcher/matcher'
import { splitClauses } from '../../src/matcher/scope/clauses'
import { otherPlatformSubject } from '../../src/matcher/scope/platforms'
import { quotePhrase } from '../../src/matcher/scope/quote'

const matcher = getMatcher(loadKnowledge())
const clauses = (text: string) => splitClauses(text, matcher.canonical)

describe('small talk', () => {
  it.each([
    ['你好', 'greeting'], ['早上好☀️', 'greeting'], ['大家好呀', 'greeting'],
    ['在吗', 'presence'], ['@红书参谋 在不在', 'presence'], ['有人吗', 'presence'],
    ['你是谁', 'identity'], ['你是真人还是机器人', 'identity'],
    ['谢谢', 'thanks'], ['thanks!', 'thanks'], ['ok明白了 感谢', 'thanks'], ['辛苦啦', 'thanks'],
    ['你真棒👍', 'praise'], ['666', 'praise'], ['哈哈哈你回得还挺快的', 'praise'],
    ['你好笨啊', 'complaint'], ['答非所问', 'complaint'], ['又答错了😓', 'complaint'],
    ['拜拜', 'bye'], ['晚安大家', 'bye'], ['好的收到', 'ack'], ['哈哈哈哈', 'laughter'], ['好累啊', 'feeling'],
    ['你说的不对', 'complaint'], ['感觉回答得有点笼统', 'complaint'], ['说了等于没说', 'complaint'],
    ['你是ai还是真人在回', 'identity'], ['回答得很详细', 'praise'], ['你还挺聪明的嘛', 'praise'],
    ['红书参谋早', 'greeting'], ['新人报到 请多关照', 'greeting'], ['在忙吗', 'presence'], ['今天心情不好', 'feeling'],
    ['太有用了吧', 'praise'], ['又是这套答案', 'complaint'], ['牛头不对马嘴啊', 'complaint'], ['你累不累呀', 'identity'],
    ['可以陪我聊会儿天吗', 'feeling'], ['机器人你好', 'greeting'],
  ])('%s is %s', (text, topic) => {
    expect(smallTalkTopic(matcher.canonical(text))).toBe(topic)
  })

  it.each(['你好，新号怎么起步', '谢谢，那关键词写在哪', '好的 那直播带货呢', '在吗 探店号还能做吗', '关键词', ''])('leaves the question in %j to the matcher', (text) => {
    expect(smallTalkTopic(matcher.canonical(text))).toBeNull()
  })
})

describe('help requests', () => {
  it.each(['帮助', 'help', '/help', '使用说明', '@红书参谋 帮助', '你能做什么', 'what can you do'])('%s is a help request', (t) => {
    expect(isHelpRequest(t)).toBe(true)
  })
  it.each(['关键词怎么用', '选品中心怎么用', '帮助商家长期经营是什么意思'])('%s is a question', (t) => {
    expect(isHelpRequest(t)).toBe(false)
  })
  it('takes a lone question mark or emoji for 在吗, not for help', () => {
    expect(isHelpRequest('?')).toBe(false)
    expect(matcher.match('？？').decision).toEqual({ kind: 'smalltalk', topic: 'presence' })
    expect(matcher.match('👀').intent).toBeNull()
  })
})

describe('another platform as the subject', () => {
  it.each([
    ['抖音怎么开直播', '抖音'],
    ['dy千川怎么投', '抖音'],
    ['拼多多商家怎么报名活动', '拼多多'],
    ['TikTok美区怎么起号，需要什么网络环境', 'TikTok'],
    ['我在小红书做得还行，老板又让我开个抖音号，抖音新号怎么冷启动？', '抖音'],
    ['微信怎么建群', '微信'],
    ['某音的视频一直0播放怎么办', '抖音'],
    ['公众号文章阅读量太低，怎么提高', '公众号'],
    ['dou+和随心推哪个划算', '抖音'],
    ['b站up主怎么接花火的单', 'b站'],
  ])('%s is about %s', (text, platform) => {
    expect(otherPlatformSubject(clauses(text))).toBe(platform)
  })

  it.each([
    '小红书和抖音哪个好做',
    '视频号和小红书哪个更适合普通人',
    '抖音的流量是不是比小红书大',
    '之前一直在淘宝开店，听说小红书买手直播起来了，现在进场还来得及吗',
    '做同城探店还值不值得？抖音不是早两年就做了吗',
    '高客单的客户要不要加到微信里',
    '为什么说万物皆可种草有点像当年的淘宝',
    '新号还有机会吗',
    '抖音、视频号、小红书这几个平台怎么选',
    '平台会不会变得跟抖音一样',
    '抖音做了一年没起色，新号怎么起步',
  ])('%s is about 小红书 (or a comparison)', (text) => {
    expect(otherPlatformSubject(clauses(text))).toBeNull()
  })
})

describe('what the knowledge does not cover', () => {
  it('is asked about when a feature term sits in a how / where / how-much clause', () => {
    expect(matcher.match('有人知道怎么挂小黄车吗').decision).toMatchObject({ kind: 'uncovered', term: '小黄车', nearMiss: true })
    expect(matcher.match('直播带货要交保证金吗').decision).toMatchObject({ kind: 'uncovered', term: '保证金', nearMiss: true })
  })

  it('is only background when the question asks for a strategy the article gives', () => {
    expect(matcher.match('投薯条涨粉值不值，还是直接去卖货').intent).toBe('follower-vs-money')
  })

  it('counts a term as covered once the answers mention it', () => {
    expect(matcher.match('直播带货的佣金比例怎么区分').reason).toBe('answered')
  })

  it('treats an everyday subject as off-topic, not as a near miss', () => {
    expect(matcher.match('蒜蓉粉丝怎么蒸').decision).toMatchObject({ kind: 'uncovered', nearMiss: false })
    expect(matcher.match('手机流量套餐怎么选').decision).toMatchObject({ kind: 'uncovered', nearMiss: false })
  })

  it('keeps an everyday subject that is what a note is about', () => {
    expect(matcher.match('写婆婆吵架的内容能火吗').intent).toBe('content-style')
  })

  it.each([
    ['封面用什么app做比较好看啊', '封面用什么app做'],
    ['我是做美妆的，想问下小红书笔记一般几点发比较好？', '笔记一般几点发'],
    ['有人知道怎么挂小黄车吗', '怎么挂小黄车'],
  ])('quotes the asking clause of %s as 「%s」', (text, phrase) => {
    const d = matcher.match(text).decision
    expect(d.kind === 'uncovered' && d.phrase).toBe(phrase)
  })

  it('shortens a long quote', () => {
    expect(quotePhrase([{ text: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十' }], '一').length).toBeLessThanOrEqual(24)
  })
})
