// Questions, teaching and stats through the console API, on a question log written by the bot's own recorder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeStats, recordQuestion } from '../../src/insights'
import { listTaught } from '../../src/teach'
import { bearer, consoleTestApp, json, ORIGIN, signIn, type ConsoleTestApp } from './helpers/console-app'

const TZ = 'Asia/Shanghai'
const XSS = '<img src=x onerror=alert(1)>'
let t: ConsoleTestApp

const settings = { days: 30, timeZone: TZ }
const group = (chatId: string) => ({ platform: 'feishu' as const, chatId, chatType: 'group' as const, senderId: 'ou_member' })

beforeAll(async () => {
  t = consoleTestApp('insights')
  const now = Date.now()
  const log = (chat: string, text: string, intent: string | null, ago: number) =>
    recordQuestion(t.store, group(chat), text, { intent, score: intent ? 0.7 : 0.05, candidates: intent ? [intent] : ['traffic-outlook'] }, settings, now - ago)
  await log('oc_a', '关键词写在哪里', 'keyword-layout', 3 * 86_400_000)
  await log('oc_a', '小红书的薯条怎么投', null, 2 * 86_400_000)
  await log('oc_b', XSS, null, 3_600_000)
  await log('oc_b', '探店笔记怎么写', 'local-life', 60_000)
})
afterAll(async () => {
  await t.cleanup()
})

async function get<T>(path: string): Promise<T> {
  const res = await t.request(path, { headers: bearer() })
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

type Q = { text: string; intent: string | null; chatId: string }

describe('the question log', () => {
  it('lists questions newest first, filtered by unanswered, topic, chat and days', async () => {
    const all = await get<{ questions: Q[] }>('/console/api/questions')
    expect(all.questions.map((q) => q.text)).toEqual(['探店笔记怎么写', XSS, '小红书的薯条怎么投', '关键词写在哪里'])
    const unanswered = await get<{ questions: Q[] }>('/console/api/questions?unanswered=1&limit=10')
    expect(unanswered.questions.map((q) => q.text)).toEqual([XSS, '小红书的薯条怎么投'])
    expect((await get<{ questions: Q[] }>('/console/api/questions?intent=local-life')).questions.map((q) => q.text)).toEqual(['探店笔记怎么写'])
    expect((await get<{ questions: Q[] }>('/console/api/questions?chat=feishu:oc_a')).questions).toHaveLength(2)
    expect((await get<{ questions: Q[] }>('/console/api/questions?days=1')).questions).toHaveLength(2)
    expect((await get<{ questions: Q[] }>('/console/api/questions?limit=1')).questions).toHaveLength(1)
  })

  it('shows what members typed as text on the page, never as markup', async () => {
    const cookie = await signIn(t)
    const html = await (await t.request('/console/questions', { headers: { cookie } })).text()
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain(XSS)
  })
})

describe('stats', () => {
  it('answers 400 with the reason for a days value that is not a whole number in range', async () => {
    for (const days of ['abc', '-5', '99999999999', '1.5']) {
      const res = await t.request(`/console/api/stats?days=${days}`, { headers: bearer() })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toContain('days')
    }
  })

  it('reports what computeStats reports, with daily bars that add up to it', async () => {
    const api = await get<{ stats: Record<string, unknown>; perDay: { date: string; questions: number; answered: number }[] }>('/console/api/stats?days=7')
    const direct = await computeStats(t.store, { days: 7, timeZone: TZ })
    expect(api.stats).toEqual(JSON.parse(JSON.stringify(direct)))
    expect(api.stats).toMatchObject({ questions: 4, answered: 2, unanswered: 2 })
    expect(api.perDay).toHaveLength(7)
    expect(api.perDay.reduce((n, d) => n + d.questions, 0)).toBe(4)
    expect(api.perDay.reduce((n, d) => n + d.answered, 0)).toBe(2)
  })

  it('reports one chat as /统计 reports it for that chat', async () => {
    type Api = { stats: Record<string, unknown>; perDay: { questions: number; answered: number }[] }
    const api = await get<Api>('/console/api/stats?days=7&chat=feishu:oc_b')
    const direct = await computeStats(t.store, { days: 7, timeZone: TZ, platform: 'feishu', chatId: 'oc_b' })
    expect(api.stats).toEqual(JSON.parse(JSON.stringify(direct)))
    expect(api.stats).toMatchObject({ scope: 'chat', questions: 2, answered: 1, askers: 1 })
    expect(api.perDay.reduce((n, d) => n + d.questions, 0)).toBe(2)
    expect(api.perDay.reduce((n, d) => n + d.answered, 0)).toBe(1)
  })

  it('draws the page with the same numbers', async () => {
    const cookie = await signIn(t)
    const html = await (await t.request('/console/stats?days=7', { headers: { cookie } })).text()
    expect(html).toMatch(/id="stat-questions"><span class="muted">提问<\/span><b>4<\/b>/)
    expect(html).toMatch(/id="stat-share"><span class="muted">回答率<\/span><b>50%<\/b>/)
    expect(html.match(/<g data-date=/g)).toHaveLength(7)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('teaching', () => {
  it('teaches a logged question, answers it with that topic from then on, and forgets it again', async () => {
    const cookie = await signIn(t)
    const res = await t.request('/console/api/teach', json({ text: '小红书的薯条怎么投', intent: 'traffic-outlook' }, { origin: ORIGIN, cookie }))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { status: string; answer: { intent: string; reason: string; card: { header: { title: { content: string } } } } }
    expect(body.status).toBe('taught')
    expect(body.answer.intent).toBe('traffic-outlook')
    expect(body.answer.card.header.title.content).toBe('小红书流量趋势')
    expect((await listTaught(t.store)).map((p) => p.text)).toEqual(['小红书的薯条怎么投'])

    const asked = (await (await t.request('/console/api/ask', json({ text: '小红书的薯条怎么投' }, bearer()))).json()) as { intent: string; reply: { title: string } }
    expect(asked.reply.title).toBe('小红书流量趋势')

    const forgot = await t.request('/console/api/forget', json({ text: '小红书的薯条怎么投' }, { origin: ORIGIN, cookie }))
    expect(forgot.status).toBe(200)
    expect(await listTaught(t.store)).toEqual([])
    expect((await t.request('/console/api/forget', json({ text: '小红书的薯条怎么投' }, bearer()))).status).toBe(404)
  })

  it('refuses a phrasing that belongs to another topic unless forced, and an unknown topic', async () => {
    const conflict = await t.request('/console/api/teach', json({ text: '标题里要不要放关键词', intent: 'local-life' }, bearer()))
    expect(conflict.status).toBe(409)
    expect(((await conflict.json()) as { conflicts: unknown[] }).conflicts.length).toBeGreaterThan(0)
    expect(await listTaught(t.store)).toEqual([])
    const unknown = await t.request('/console/api/teach', json({ text: '随便一个问题', intent: 'no-such-topic' }, bearer()))
    expect(unknown.status).toBe(400)
  })
})
