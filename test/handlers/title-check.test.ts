import { describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../src/bot/handler'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import type { ButtonAction } from '../../src/bot/message'
import type { Reply } from '../../src/bot/reply'
import { renderFeishuCard } from '../../src/platforms/feishu/card'
import { MemoryStore } from '../../src/store/memory'
import { parseTitleRequest, titleCheckHandler } from '../../handlers/title-check'

function ctx(text: string, action?: ButtonAction): HandlerContext {
  return {
    msg: { platform: 'feishu', chatId: 'oc_1', chatType: 'group', messageId: `om_${Math.random()}`, senderId: 'ou_1', text, mentionsBot: true, action },
    session: { depth: 0 },
    store: new MemoryStore(),
    knowledge: loadKnowledge(),
    now: new Date('2024-05-01T01:00:00Z'),
    timeZone: 'Asia/Shanghai',
    isAdmin: true,
  }
}

describe('parseTitleRequest', () => {
  it.each([
    ['标题检查 全网最低价！加vx领券', '全网最低价！加vx领券'],
    ['标题检查：杭州3家咖啡馆', '杭州3家咖啡馆'],
    ['标题检查:杭州3家咖啡馆', '杭州3家咖啡馆'],
    ['标题检查杭州3家咖啡馆', '杭州3家咖啡馆'],
    ['帮我看看标题：周末去了趟西湖', '周末去了趟西湖'],
    ['帮我看下这个标题 「最好的咖啡，加V」', '最好的咖啡，加V'],
    ['/title 随便拍拍', '随便拍拍'],
    ['/TITLE 随便拍拍', '随便拍拍'],
    ['我这个标题「第一次露营」怎么样', '第一次露营'],
    ['标题是“最好用的面霜”可以吗', '最好用的面霜'],
    ['标题 "vlog 日常"', 'vlog 日常'],
  ])('reads %s as the title %s', (text, title) => {
    expect(parseTitleRequest(text)).toEqual({ title, keywords: [] })
  })

  it.each([
    ['标题检查 周末去了趟西湖边的小店 关键词：咖啡,探店', ['咖啡', '探店']],
    ['标题检查 周末去了趟西湖边的小店 关键词: 咖啡，探店', ['咖啡', '探店']],
    ['标题检查 周末去了趟西湖边的小店，关键字：咖啡、探店', ['咖啡', '探店']],
    ['帮我看下这个标题 「周末去了趟西湖边的小店」 关键词：咖啡', ['咖啡']],
    ['/title 周末去了趟西湖边的小店 关键词 咖啡 探店', ['咖啡', '探店']],
  ])('takes target keywords from %s', (text, keywords) => {
    expect(parseTitleRequest(text)).toEqual({ title: '周末去了趟西湖边的小店', keywords })
  })

  it('keeps 关键词 inside a quoted title as part of the title', () => {
    expect(parseTitleRequest('标题检查 「关键词布局的3个位置」 关键词：搜索')).toEqual({ title: '关键词布局的3个位置', keywords: ['搜索'] })
  })

  it.each(['标题检查', '标题检查：', '/title', '标题检查 怎么用'])('returns an empty title (usage) for %s', (text) => {
    expect(parseTitleRequest(text)).toEqual({ title: '', keywords: [] })
  })

  it.each(['标题怎么写才能上热门', '帮我看看标题怎么起', '关键词写在哪里', '要不要做直播带货', '今天的标题检查功能好用吗', ''])(
    'leaves %s to the question path',
    (text) => {
      expect(parseTitleRequest(text)).toBeNull()
    },
  )
})

describe('titleCheckHandler', () => {
  it('answers a title check with the score in the title and a tone by score', async () => {
    const reply = (await titleCheckHandler(ctx('标题检查 全网最低价！加vx领券'))) as Reply
    expect(reply.kind).toBe('title-check')
    expect(reply.title).toMatch(/^标题体检 \d+分$/)
    expect(reply.title).toBe('标题体检 50分')
    expect(reply.tone).toBe('red')
    expect(((await titleCheckHandler(ctx('标题检查 杭州3家人均50的咖啡馆'))) as Reply).tone).toBe('green')
  })

  it('shows a mark per rule, the matched words with fixes, and the rewrites', async () => {
    const reply = (await titleCheckHandler(ctx('标题检查 全网最低价！加vx领券 关键词：优惠券'))) as Reply
    const fields = reply.blocks.find((b) => b.kind === 'fields')
    expect(fields?.kind === 'fields' && fields.items.map((i) => i.label)).toEqual(['长度', '广告法', '导流', '情绪', '关键词', '具体度'])
    const values = fields?.kind === 'fields' ? fields.items.map((i) => i.value) : []
    expect(values[0]).toBe('✅ 10/20')
    expect(values[1]).toBe('❌ 「全网最低价」')
    expect(values[2]).toBe('❌ 「vx」')
    expect(values[3]).toBe('✅ 通过')
    expect(values[4]).toBe('⚠️ 「优惠券」')
    const points = reply.blocks.filter((b) => b.kind === 'points')
    const issues = points.find((b) => b.kind === 'points' && b.title === '问题和改法')
    expect(issues?.kind === 'points' && issues.items.join('\n')).toContain('超值价')
    // Nothing fluent is left once 全网最低价 and 加vx go: advice instead of a broken rewrite, and the score explained.
    const text = JSON.stringify(reply.blocks)
    expect(text).toContain('没有自动改写')
    expect(text).toContain('评分 38')
    const rewrites = (await titleCheckHandler(ctx('标题检查 全网最低价！这款吹风机只要99'))) as Reply
    const rewritten = rewrites.blocks.find((b) => b.kind === 'points' && b.title === '可以这样改')
    expect(rewritten?.kind === 'points' && rewritten.items[0]).toBe('这款吹风机只要99')
    expect(reply.source).toContain('二.2')
    expect(reply.source).toContain('三.2')
  })

  it('says no keyword was given instead of passing the keyword rule', async () => {
    const reply = (await titleCheckHandler(ctx('/title 杭州3家人均50的咖啡馆'))) as Reply
    const fields = reply.blocks.find((b) => b.kind === 'fields')
    expect(fields?.kind === 'fields' && fields.items.find((i) => i.label === '关键词')?.value).toContain('未指定')
  })

  it('answers the bare trigger with a short usage notice', async () => {
    const reply = (await titleCheckHandler(ctx('标题检查'))) as Reply
    expect(reply.kind).toBe('notice')
    expect(JSON.stringify(reply.blocks)).toContain('标题检查 ')
  })

  it('returns null for questions and button presses', async () => {
    expect(await titleCheckHandler(ctx('标题怎么写才能上热门'))).toBeNull()
    expect(await titleCheckHandler(ctx('', { type: 'ask', intent: 'keyword-layout' }))).toBeNull()
  })

  it('renders as a Feishu card with the score in the header', async () => {
    const reply = (await titleCheckHandler(ctx('标题检查 这是我用过最好的洗面奶'))) as Reply
    const card = renderFeishuCard(reply) as { header: { title: { content: string } } }
    expect(card.header.title.content).toBe(reply.title)
    expect(JSON.stringify(card)).toContain('这是我很喜欢的洗面奶')
  })
})
