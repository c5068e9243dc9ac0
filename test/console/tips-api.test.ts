// Tips and subscriptions through the console API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { addDays, localDate, tipForDate } from '../../src/tips/schedule'
import { listSubscriptions, subscribe } from '../../src/tips/subscriptions'
import { bearer, consoleTestApp, json, type ConsoleTestApp } from './helpers/console-app'

const KEY = 'abcd1234-secret-part-5678'
const HOOK = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`
let t: ConsoleTestApp
beforeAll(() => {
  t = consoleTestApp('tips')
})
afterAll(async () => {
  await t.cleanup()
})

describe('tips and subscriptions', () => {
  it('lists the next 14 days of a chat’s tips, as the daily push would pick them', async () => {
    const res = await t.request('/console/api/tips?chat=oc_tips_chat', { headers: bearer() })
    const { tips } = (await res.json()) as { tips: { date: string; id: string }[] }
    const today = localDate(new Date(), 'Asia/Shanghai')
    expect(tips).toHaveLength(14)
    tips.forEach((tip, i) => {
      expect(tip.date).toBe(addDays(today, i))
      expect(tip.id).toBe(tipForDate(loadKnowledge().tips, tip.date, 'oc_tips_chat').id)
    })
  })

  it('adds a WeCom group by its webhook, checked as /订阅 checks it, and never shows the key', async () => {
    const bad = await t.request('/console/api/subscriptions', json({ chatId: 'wr_group', webhookUrl: 'https://evil.test/cgi-bin/webhook/send?key=x' }, bearer()))
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/qyapi\.weixin\.qq\.com/)
    expect(await listSubscriptions(t.store)).toEqual([])

    const ok = await t.request('/console/api/subscriptions', json({ chatId: 'wr_group', webhookUrl: HOOK }, bearer()))
    expect(ok.status).toBe(200)
    expect(JSON.stringify(await ok.json())).not.toContain(KEY)
    expect(await listSubscriptions(t.store)).toMatchObject([{ platform: 'wecom', chatId: 'wr_group', webhookUrl: HOOK }])

    await subscribe(t.store, { platform: 'feishu', chatId: 'oc_feishu_group', since: new Date().toISOString() })
    const listed = await t.request('/console/api/subscriptions', { headers: bearer() })
    const text = await listed.text()
    expect(text).not.toContain(KEY)
    expect(JSON.parse(text).subscriptions.map((s: { chatId: string }) => s.chatId)).toEqual(['oc_feishu_group', 'wr_group'])
  })

  it('removes a subscription', async () => {
    const res = await t.request('/console/api/unsubscribe', json({ platform: 'wecom', chatId: 'wr_group' }, bearer()))
    expect(await res.json()).toEqual({ removed: true })
    expect((await listSubscriptions(t.store)).map((s) => s.chatId)).toEqual(['oc_feishu_group'])
    const again = await t.request('/console/api/unsubscribe', json({ platform: 'wecom', chatId: 'wr_group' }, bearer()))
    expect(await again.json()).toEqual({ removed: false })
  })
})
