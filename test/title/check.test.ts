import { describe, expect, it } from 'vitest'
import { checkTitle, isFlagged, NOTES } from '../../src/title/check'

const flagged = (title: string, keywords?: string[]) =>
  checkTitle(title, { keywords }).issues.filter(isFlagged).map((i) => `${i.rule}:${i.match ?? ''}`)
const rules = (title: string) => [...new Set(flagged(title).map((f) => f.split(':')[0]))]

describe('checkTitle report shape', () => {
  it('returns exactly the interfaces.md fields', () => {
    const r = checkTitle('全网最低价！加vx领券')
    expect(Object.keys(r).sort()).toEqual(['issues', 'length', 'limit', 'score', 'suggestions', 'title'])
    expect(r.limit).toBe(20)
    for (const issue of r.issues) {
      expect(Object.keys(issue).every((k) => ['rule', 'severity', 'match', 'message', 'suggestion'].includes(k))).toBe(true)
      expect(['error', 'warn', 'info']).toContain(issue.severity)
    }
  })

  it('gives a clean, specific title a full score and no issues', () => {
    const r = checkTitle('咖啡探店｜杭州3家人均50的小店', { keywords: ['咖啡'] })
    expect(r.issues).toEqual([])
    expect(r.score).toBe(100)
    expect(r.suggestions).toEqual([])
  })
})

describe('ad-law', () => {
  it('quotes the exact words, says why, and offers a clean replacement', () => {
    const issue = checkTitle('最好的咖啡馆在杭州').issues.find((i) => i.rule === 'ad-law')
    expect(issue).toMatchObject({ severity: 'error', match: '最好' })
    expect(issue?.message).toContain('绝对化用语')
    expect(issue?.message).toContain('第九条')
    expect(issue?.suggestion).toContain('「很好」')
  })

  it.each([
    ['这款面霜根治痘痘', '第十七条'],
    ['央视推荐的儿童护眼台灯', '官方媒体'],
    ['国家认证的减肥茶', '国家机关'],
    ['教资面试包过班', '第二十四条'],
    ['不过退款的考研网课', '退款'],
    ['开光貔貅手串', '迷信'],
    ['客厅这样摆风水最好', '迷信'],
    ['这款精华立刻见效', '见效'],
    ['纯植物精华无副作用', '无副作用'],
    ['绝无仅有的海景房', '独特性'],
    ['零风险投资稳赚不赔', '第二十五条'],
  ])('flags %s and explains it (%s)', (title, why) => {
    const issue = checkTitle(title).issues.find((i) => i.rule === 'ad-law')
    expect(issue?.message).toContain(why)
  })

  it('leaves everyday 最, 第一, 唯一 and 治愈 alone', () => {
    for (const t of [
      '最近第一次喝到这么香的手冲', '第一杯秋天的奶茶', '最后一天的西湖荷花', '新手小白的第一台相机', '工作第一年存下3万',
      '用第一笔工资给妈妈买围巾', '秋天的第一锅板栗烧鸡', '今年唯一一次出国旅行', '唯一的周末在家做火锅', '被楼下的橘猫治愈了一整天',
      '周末去西湖最好提前预约', '和最好的朋友去大理', '全班第一名的错题本',
    ]) {
      expect(rules(t), t).not.toContain('ad-law')
    }
  })
})

describe('diversion', () => {
  it('catches disguised contact handles, nicknames, landlines and calls to message', () => {
    expect(flagged('v x：abc123 领福利')).toContain('diversion:v x：abc123')
    expect(flagged('加 V 信领取资料')).toContain('diversion:加 V 信')
    expect(flagged('威信同号，欢迎交流')).toContain('diversion:威信')
    expect(flagged('微_信找我拿团购价')).toContain('diversion:微_信')
    expect(flagged('加🛰️信领健身餐食谱')).toContain('diversion:加🛰️信')
    expect(flagged('联系 138 1234 5678')).toContain('diversion:138 1234 5678')
    expect(flagged('探店预约请拨010-62345678')).toContain('diversion:010-62345678')
    for (const t of ['详细配方放在gzh了', '关注公主号拿配方', '工仲号有真题', '加企鹅领资料', '扣扣上找我拿', '私信我领取计划', '评论区扣1发你']) {
      expect(rules(t), t).toContain('diversion')
    }
  })

  it('does not read dates, app names, candy or animals as diversion', () => {
    for (const t of [
      '2024年3月15日 杭州樱花', '20240315 上海武康路', '微信读书年度书单：52本', '北京东城胡同散步路线', 'vlog｜在深圳上班的一天',
      '收到粉丝私信，说菜谱帮到她了', '自制QQ糖只要果汁', '南极看企鹅的十二天', 'V领毛衣怎么搭', '这件羽绒服到手299',
    ]) {
      expect(rules(t), t).not.toContain('diversion')
    }
  })

  it('advises without pointing readers to private messages or groups', () => {
    const issue = checkTitle('私信我领取完整版课表').issues.find((i) => i.rule === 'diversion')
    expect(issue?.suggestion?.replace(`「${issue.match}」`, '')).not.toMatch(/私信|群聊|进群|微信/u)
  })
})

describe('negative-tone', () => {
  it('flags insults, masked insults, 滚, animal insults and despair', () => {
    for (const t of ['傻X同事又抢功劳', '遇到S*B客户', '垃X物业停水不通知', '滚！别再推这种面膜', '猪脑子老板又改需求', '论文被拒，崩溃了想死', '气到发抖，蛋糕全是霉', '考研失败，好绝望']) {
      expect(rules(t), t).toContain('negative-tone')
    }
  })

  it('leaves 垃圾分类, 滚筒, 驴打滚, 猪蹄, 狗狗 and 苍蝇馆子 alone', () => {
    for (const t of ['垃圾分类小技巧', '滚筒洗衣机清洁', '驴打滚在家做', '卤猪蹄的做法', '我家狗狗学会握手', '成都8家苍蝇馆子', '空气炸锅烤红薯']) {
      expect(rules(t), t).not.toContain('negative-tone')
    }
  })

  it('only notes 避雷-style genre words', () => {
    const r = checkTitle('避雷指南｜租房前要看的5个细节')
    expect(r.issues.find((i) => i.rule === 'negative-tone')?.severity).toBe('info')
  })
})

describe('keywords, vagueness and length', () => {
  it('warns when a keyword is missing and only notes when it is late', () => {
    expect(flagged('周末去了趟西湖边的小店', ['咖啡'])).toContain('missing-keyword:咖啡')
    const late = checkTitle('周末去了趟西湖边的小店，咖啡真的绝', { keywords: ['咖啡'] })
    expect(late.issues.find((i) => i.rule === 'missing-keyword')).toMatchObject({ severity: 'info', match: '咖啡' })
    expect(checkTitle('咖啡｜周末去了趟西湖边', { keywords: ['咖啡'] }).issues).toEqual([])
  })

  it('calls titles without any concrete detail vague, including all-exclamation hype', () => {
    for (const t of ['随便拍拍', '今日份碎碎念', '绝了绝了！！！', '冲！！全网最低！！', '这个真的可以']) expect(rules(t), t).toContain('vague')
    expect(flagged('分享一下杭州3天2晚的路线')).toEqual([])
  })

  it('does not warn that a short but specific title is too short', () => {
    for (const t of ['大理骑行', '西安城墙夜骑']) expect(flagged(t), t).toEqual([])
    expect(checkTitle('大理骑行').issues.find((i) => i.rule === 'too-short')?.severity).toBe('info')
    expect(rules('好')).toContain('too-short')
  })

  it('flags titles over 20 units', () => {
    const r = checkTitle('杭州西湖边三家人均五十元就能吃饱吃好的宝藏本地小馆子推荐')
    expect(r.issues[0]).toMatchObject({ rule: 'length', severity: 'error' })
  })
})

describe('score', () => {
  it('keeps a title over the limit below 60, whatever else it gets right', () => {
    const r = checkTitle('从零开始学游泳的第14节课，我终于学会了换气')
    expect(r.length).toBeGreaterThan(20)
    expect(r.score).toBeLessThanOrEqual(59)
  })

  it('caps any error at 59 and explains the parts in an info note', () => {
    const r = checkTitle('这是我用过最好的洗面奶')
    expect(r.score).toBe(59)
    const note = r.issues.find((i) => i.rule === NOTES.score)
    expect(note?.severity).toBe('info')
    expect(note?.message).toContain('100 − 25（广告法❌） = 75')
    expect(note?.message).toContain('最高 59 分')
  })

  it('costs 12 per warning without a cap', () => {
    const r = checkTitle('这家店服务真恶心，再也不去了')
    expect(r.score).toBe(88)
    expect(r.issues.find((i) => i.rule === NOTES.score)?.message).toContain('100 − 12（情绪⚠️） = 88')
  })

  it('orders titles by how much is wrong', () => {
    expect(checkTitle('全网最低价！加vx领券').score).toBeLessThan(checkTitle('最好的咖啡馆在杭州').score)
    expect(checkTitle('最好的咖啡馆在杭州').score).toBeLessThan(checkTitle('这家店服务真恶心，再也不去了').score)
  })
})
