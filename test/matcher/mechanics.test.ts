// The shapes of "how do I work the app" questions, one kind at a time, and the questions that share words
// with them but ask for a strategy the article gives.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { splitClauses } from '../../src/matcher/scope/clauses'
import { mechanicsIn } from '../../src/matcher/scope/mechanics'

const matcher = getMatcher(loadKnowledge())

describe('mechanics shapes', () => {
  it.each([
    ['设置页的入口在哪', 'where'],
    ['在哪里申请开通', 'where'],
    ['发出去的笔记能不能改标题', 'operate'],
    ['怎么屏蔽一个人', 'operate'],
    ['电脑上怎么发笔记', 'operate'],
    ['认证的流程是什么', 'operate'],
    ['开店需要什么资质', 'requirement'],
    ['要先交保证金吗', 'requirement'],
    ['创作者等级一共几级', 'number'],
    ['一般是几个点', 'number'], ['平台抽几个点', 'price'],
    ['审核要多久', 'number'],
    ['周末发和工作日发有区别吗', 'number'],
    ['敏感词有哪些', 'rules'],
    ['剪视频用什么软件', 'tool'],
    ['认证一次多少钱', 'price'],
    ['合集这个功能怎么用', 'operate'], ['怎么在小红书上架商品', 'operate'], ['分成一般多少个点', 'number'],
    ['多久没动静就算凉了', 'number'], ['简介里留微信号会不会被封', 'rules'], ['有没有自测限流的办法', 'feature'],
    ['收藏多点赞少代表什么', 'feature'],
    ['评论里能放图片吗', 'operate'], ['每天发几条合适', 'number'],
  ])('%s asks %s', (text, kind) => {
    expect(mechanicsIn(matcher.canonical(text)).map((h) => h.kind)).toContain(kind)
  })

  it.each(['关键词写在哪里', '要不要改风格', '佣金比例有什么区别', '前几天还好好的', '发了几篇都没人看', '新号怎么起步'])('%s has none', (text) => {
    expect(mechanicsIn(matcher.canonical(text))).toEqual([])
  })
})

describe('mechanics in the scope decision', () => {
  it('refuses a how-to question whatever the feature is called', () => {
    expect(matcher.match('笔记发出去以后还能换封面吗').decision).toMatchObject({ kind: 'uncovered', nearMiss: true })
    expect(matcher.match('养号要养几天才能发').decision).toMatchObject({ kind: 'uncovered', nearMiss: true })
  })

  it('answers where and how to sign up for brand cooperation: the article names the 合作中心', () => {
    expect(matcher.match('品牌发了招募，博主怎么报名').intent).toBe('brand-cooperation')
    expect(matcher.match('官方话题活动怎么报名').decision).toMatchObject({ kind: 'uncovered' })
  })

  it('reads "how best to" as asking for advice', () => {
    expect(matcher.match('话题标签怎么选比较好').intent).toBe('keyword-layout')
  })

  it('reads a bare question tail as asking about the clause before it', () => {
    expect(splitClauses('头像审核都不通过，是啥原因', matcher.canonical)).toEqual([{ text: '头像审核都不通过是啥原因', asks: true }])
    expect(splitClauses('早上发和晚上发 阅读差别大吗', matcher.canonical)).toEqual([{ text: '早上发和晚上发阅读差别大吗', asks: true }])
  })

  it('refuses a job for the bot: a note is a near miss, anything else is everyday', () => {
    expect(matcher.match('帮我写个小红书文案').decision).toMatchObject({ kind: 'uncovered', nearMiss: true })
    expect(matcher.match('帮我算一下房贷').decision).toMatchObject({ kind: 'uncovered', nearMiss: false })
  })

  it('takes an everyday subject in a message about the account as background, not doubt', () => {
    expect(matcher.match('辞职在家半年了，想全职做小红书，今年还值得做吗').intent).toBe('worth-doing')
    expect(matcher.match('手机流量这个月超了，怎么加个流量包').decision).toMatchObject({ kind: 'uncovered', nearMiss: false })
  })
})
