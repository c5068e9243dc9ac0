// The console in workerd (`wrangler dev`'s runtime): the Worker bundle built by wrangler, with real Redis behind it.
// Run by test/worker/workerd.test.ts on the shared workerd.
import { describe, expect, it } from 'vitest'
import { workerd } from '../../helpers/shared-workerd'

const BASE = 'http://bot.test'

export function consoleSuite() {
  describe('the console on Workers', () => {
    it('sends strangers to the sign-in page and refuses a wrong token', async () => {
      const page = await workerd.worker.fetch(`${BASE}/console/playground`, { redirect: 'manual' })
      expect(page.status).toBe(302)
      expect(page.headers.get('location')).toMatch(/^\/console\/login/)
      const api = await workerd.worker.fetch(`${BASE}/console/api/stats`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })
      expect(api.status).toBe(401)
    })

    it('signs in with Web Crypto sessions and serves the pages with their CSP', async () => {
      const login = await workerd.worker.fetch(`${BASE}/console/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: workerd.consoleToken, next: '/console/stats' }).toString(),
      })
      expect(login.status).toBe(303)
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!
      for (const path of ['/console/playground', '/console/questions', '/console/stats', '/console/tips']) {
        const res = await workerd.worker.fetch(`${BASE}${path}`, { headers: { cookie } })
        expect(res.status, path).toBe(200)
        expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'")
        expect(await res.text(), path).toContain('红书参谋')
      }
      const script = await workerd.worker.fetch(`${BASE}/console/assets/console.js`)
      expect(script.headers.get('content-type')).toMatch(/javascript/)
    })

    it('answers in the playground through the real dispatch path', async () => {
      const res = await workerd.worker.fetch(`${BASE}/console/api/ask`, {
        method: 'POST',
        headers: { authorization: `Bearer ${workerd.consoleToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: '小红书关键词应该怎么布局' }),
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { intent: string; card: { header: { template: string } } }
      expect(body.intent).toBe('keyword-layout')
      expect(body.card.header.template).toBe('blue')
    })
  })
}
