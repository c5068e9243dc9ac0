// POST /console/api/ask: one message through the bot's real dispatch path, as the playground sends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsoleAskResult as AskResult } from '../../src/console/ask'
import { listSubscriptions } from '../../src/tips/subscriptions'
import { readVotes } from '../../src/store/keys'
import { localDate } from '../../src/tips/schedule'
import { bearer, consoleTestApp, json, type ConsoleTestApp } from './helpers/console-app'

let t: ConsoleTestApp
beforeAll(() => {
  t = consoleTestApp('playground', { ADMIN_IDS: 'ou_real_admin' })
})
afterAll(async () => {
  await t.cleanup()
})

async function ask(body: Record<string, unknown>): Promise<AskResult> {
  const res = await t.request('/console/api/ask', json(body, bearer()))
  expect(res.status, JSON.stringify(body)).toBe(200)
  return (await res.json()) as AskResult
}

const header = (r: AskResult) => (r.card as { header: { title: { content: string }; template: string } }).header

describe('the playground ask API', () => {
  it('answers a question as the group would see it, in the ask --json shape', async () => {
    const r = await ask({ text: '小红书关键词应该怎么布局', chatId: 'pg-answer' })
    expect(r.intent).toBe('keyword-layout')
    expect(r.score).toBeGreaterThan(0)
    expect(r.reply?.kind).toBe('answer')
    expect(header(r)).toMatchObject({ template: 'blue' })
    expect(header(r).title.content).toBe(r.reply!.title)
    expect(JSON.stringify(r.card)).toContain('"tag":"button"')
  })

  it('keeps the session: 展开说说 expands the answer before it, for the same chat and user only', async () => {
    await ask({ text: '直播带货还能做吗', chatId: 'pg-follow', userId: 'u1' })
    const more = await ask({ text: '展开说说', chatId: 'pg-follow', userId: 'u1' })
    expect(more.reply?.title).toMatch(/展开/)
    const stranger = await ask({ text: '展开说说', chatId: 'pg-follow', userId: 'u2' })
    expect(stranger.reply?.title).not.toMatch(/展开/)
  })

  it('answers a pressed related-topic button with that topic', async () => {
    const first = await ask({ text: '新号现在做还有流量吗', chatId: 'pg-button' })
    const related = first.reply!.buttons.find((b) => b.action.type === 'ask')!
    const r = await ask({ action: related.action, chatId: 'pg-button' })
    expect(r.reply?.kind).toBe('answer')
    expect(r.intent).toBe((related.action as { intent: string }).intent)
  })

  it('counts a 👍 once per person, as the card callback does', async () => {
    const upVotes = async () => (await readVotes(t.store, localDate(new Date(), 'Asia/Shanghai')))['local-life']?.up ?? 0
    const before = await upVotes()
    const vote = { type: 'feedback', intent: 'local-life', vote: 'up' }
    const first = await ask({ action: vote, userId: 'voter-1' })
    expect(first.reply).toMatchObject({ kind: 'toast' })
    await ask({ action: vote, userId: 'voter-1' })
    expect(await upVotes()).toBe(before + 1)
  })

  it('falls back honestly on an off-topic question, and answers a topic the fallback suggests when pressed', async () => {
    const weather = await ask({ text: '明天北京天气怎么样' })
    expect(weather.intent).toBeNull()
    expect(weather.reply?.kind).toBe('fallback')
    // Which off-topic questions get suggestions is the matcher's call; take the first fallback that offers one.
    let suggestion: { action: { type: string; intent?: string } } | undefined
    for (const text of ['<img src=x onerror=alert(1)>', '这个怎么弄啊', '帮我看看这个', '小红书的薯条怎么投', '明天北京天气怎么样']) {
      const r = await ask({ text })
      if (r.reply?.kind === 'fallback') suggestion = r.reply.buttons.find((b) => b.action.type === 'ask')
      if (suggestion) break
    }
    expect(suggestion).toBeDefined()
    const pressed = await ask({ action: suggestion!.action })
    expect(pressed.reply?.kind).toBe('answer')
    expect(pressed.intent).toBe(suggestion!.action.intent)
  })

  it('runs commands and the title check', async () => {
    expect((await ask({ text: '/tip' })).reply?.kind).toBe('tip')
    expect((await ask({ text: '标题检查 全网最低价！加V领取最好用的面霜' })).reply?.kind).toBe('title-check')
    expect((await ask({ text: '帮助' })).reply?.kind).toBe('help')
  })

  it('treats the sender as a member or an admin as asked', async () => {
    const asMember = await ask({ text: '/订阅', chatId: 'pg-admin', admin: false })
    expect(asMember.reply?.title).toBe('需要管理员操作')
    expect(await listSubscriptions(t.store)).toEqual([])
    const asAdmin = await ask({ text: '/订阅', chatId: 'pg-admin', admin: true })
    expect(asAdmin.reply?.title).toBe('订阅成功')
    expect(await listSubscriptions(t.store)).toMatchObject([{ platform: 'feishu', chatId: 'pg-admin' }])
  })

  it('shows the WeCom rendering: markdown in a group, a button card beside it in a 1:1 chat', async () => {
    const group = await ask({ text: '实体店怎么用小红书引流', platform: 'wecom', chatType: 'group' })
    expect(group.wecom?.templateCard).toBeNull()
    expect(group.wecom?.markdown).toContain('你还可以问我')
    const p2p = await ask({ text: '实体店怎么用小红书引流', platform: 'wecom', chatType: 'p2p' })
    const card = p2p.wecom!.templateCard!
    expect(card.card_type).toBe('button_interaction')
    expect(Object.keys(p2p.wecom!.actions)).toEqual(card.button_list.map((b) => b.key))
    expect(p2p.wecom!.markdown).not.toContain('你还可以问我')
  })

  it('answers 400 with a one-line reason for a bad body', async () => {
    const cases: [RequestInit, RegExp][] = [
      [{ method: 'POST', headers: { ...bearer(), 'content-type': 'application/json' }, body: '{nope' }, /not JSON/],
      [json({ text: '   ' }, bearer()), /empty/],
      [json({ text: 'hi', chatType: 'channel' }, bearer()), /chatType/],
      [json({ action: { type: 'ask', intent: 'NOT AN ID' } }, bearer()), /action/],
      [json({ text: 'hi', chatId: 'has space' }, bearer()), /chatId/],
    ]
    for (const [init, reason] of cases) {
      const res = await t.request('/console/api/ask', init)
      expect(res.status).toBe(400)
      const { error } = (await res.json()) as { error: string }
      expect(error).toMatch(reason)
      expect(error).not.toContain('\n')
    }
  })
})
