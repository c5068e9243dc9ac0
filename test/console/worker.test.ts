// The console in workerd (`wrangler dev`'s runtime): the Worker bundle built by wrangler, with real Redis behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestWorker, type TestWorker } from '../helpers/workerd'
import { deleteKeys, randomPrefix } from '../helpers/redis-test-store'

const TOKEN = 'workerd-console-token-0123456789'
const BASE = 'http://bot.test'
const prefix = randomPrefix('console-worker')

let worker: TestWorker

beforeAll(async () => {
  worker = await startTestWorker(prefix, { CONSOLE_TOKEN: TOKEN })
}, 120_000)

afterAll(async () => {
  await worker?.dispose()
  await deleteKeys(prefix)
})

describe('the console on Workers', () => {
  it('sends strangers to the sign-in page and refuses a wrong token', async () => {
    const page = await worker.fetch(`${BASE}/console/playground`, { redirect: 'manual' })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toMatch(/^\/console\/login/)
    const api = await worker.fetch(`${BASE}/console/api/stats`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })
    expect(api.status).toBe(401)
  })

  it('signs in with Web Crypto sessions and serves the pages with their CSP', async () => {
    const login = await worker.fetch(`${BASE}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKEN, next: '/console/stats' }).toString(),
    })
    expect(login.status).toBe(303)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    for (const path of ['/console/playground', '/console/questions', '/console/stats', '/console/tips']) {
      const res = await worker.fetch(`${BASE}${path}`, { headers: { cookie } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'")
      expect(await res.text(), path).toContain('红书参谋')
    }
    const script = await worker.fetch(`${BASE}/console/assets/console.js`)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
  })

  it('answers in the playground through the real dispatch path', async () => {
    const res = await worker.fetch(`${BASE}/console/api/ask`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '小红书关键词应该怎么布局' }),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { intent: string; card: { header: { template: string } } }
    expect(body.intent).toBe('keyword-layout')
    expect(body.card.header.template).toBe('blue')
  })
})
