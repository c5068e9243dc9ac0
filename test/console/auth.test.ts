// Who gets into /console, and what everyone else gets: through the real app, against real Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionCodec, SESSION_TTL_SECONDS, tokensEqual } from '../../src/console/auth'
import { CONTENT_SECURITY_POLICY } from '../../src/console/guard'
import { MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_SECONDS } from '../../src/console/sign-in-limit'
import { listSubscriptions } from '../../src/tips/subscriptions'
import Redis from 'ioredis'
import { keysUnder, REDIS_URL } from '../helpers/redis-test-store'
import { bearer, consoleTestApp, json, ORIGIN, signIn, TOKEN, type ConsoleTestApp } from './helpers/console-app'
import { CONSOLE_API_POSTS, CONSOLE_GETS } from './helpers/routes'

const WECOM_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef12-3456-7890-abcd-ef1234567890'

let t: ConsoleTestApp
beforeAll(() => {
  t = consoleTestApp('auth')
})
afterAll(async () => {
  await t.cleanup()
})

/** Keys other than the failed-sign-in counters: what a refused request must not have written. */
async function botKeys(): Promise<string[]> {
  return (await keysUnder(t.prefix)).filter((k) => !k.startsWith('console:signin-fail:'))
}

describe('console off', () => {
  it('answers 404 on every console path when CONSOLE_TOKEN is not set', async () => {
    const off = consoleTestApp('off', { CONSOLE_TOKEN: '' })
    try {
      for (const path of ['/console', '/console/login', '/console/playground', '/console/api/stats']) {
        expect((await off.request(path)).status, path).toBe(404)
      }
      expect((await off.request('/console/api/ask', json({ text: 'hi' }, bearer()))).status).toBe(404)
    } finally {
      await off.cleanup()
    }
  })
})

describe('without a valid token', () => {
  it('redirects every page to the sign-in page and answers 401 on every API', async () => {
    for (const path of CONSOLE_GETS) {
      const res = await t.request(path)
      if (path.startsWith('/console/api/')) expect(res.status, path).toBe(401)
      else {
        expect(res.status, path).toBe(302)
        expect(res.headers.get('location'), path).toMatch(/^\/console\/login\?next=/)
      }
    }
  })

  it('answers 401 to a wrong Bearer token and to a forged cookie, on pages and APIs alike, and changes nothing', async () => {
    const before = await botKeys()
    const forged = `xhs_console=v1.${Math.floor(Date.now() / 1000) + 3600}.AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}`
    // A different client address each time, so the failed-sign-in limit (tested below) stays out of the way.
    let n = 0
    const wrong = () => ({ ...bearer('wrong-token-wrong-token'), 'cf-connecting-ip': `198.51.100.${++n}` })
    for (const path of CONSOLE_GETS) {
      expect((await t.request(path, { headers: wrong() })).status, path).toBe(401)
      expect((await t.request(path, { headers: { cookie: forged } })).status, path).toBe(path.startsWith('/console/api/') ? 401 : 302)
    }
    for (const [path, body] of CONSOLE_API_POSTS) {
      expect((await t.request(path, json(body, { origin: ORIGIN }))).status, path).toBe(401)
      expect((await t.request(path, json(body, { origin: ORIGIN, cookie: forged }))).status, path).toBe(401)
      expect((await t.request(path, json(body, { origin: ORIGIN, ...wrong() }))).status, path).toBe(401)
    }
    expect(await botKeys()).toEqual(before)
    expect(await listSubscriptions(t.store)).toEqual([])
  })

  it('does not take the token itself as a session cookie', async () => {
    expect((await t.request('/console/api/stats', { headers: { cookie: `xhs_console=${TOKEN}` } })).status).toBe(401)
  })
})

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that is not the token, and lets the pages through', async () => {
    const res = await t.request('/console/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKEN, next: '/console/tips' }).toString(),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/console/tips')
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\/console/)
    expect(cookie).not.toMatch(/Secure/) // plain http here
    expect(cookie).not.toContain(TOKEN)
    const session = cookie.split(';')[0]!
    expect((await t.request('/console/playground', { headers: { cookie: session } })).status).toBe(200)
  })

  it('marks the cookie Secure when the console is reached over HTTPS (directly or through a proxy)', async () => {
    for (const [url, headers] of [
      ['https://console.test/console/login', { origin: 'https://console.test' }],
      [`${ORIGIN}/console/login`, { origin: ORIGIN, 'x-forwarded-proto': 'https' }],
    ] as const) {
      const res = await t.app.request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: TOKEN }).toString(),
      })
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/)
    }
  })

  it('never redirects off the console after sign-in', async () => {
    for (const next of ['https://evil.test/', '//evil.test/x', '/console/../webhook', '/console/login']) {
      const res = await t.request('/console/login', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: TOKEN, next }).toString(),
      })
      expect(res.headers.get('location'), next).toBe('/console/playground')
    }
  })

  it('accepts the token as a Bearer header for scripts', async () => {
    const res = await t.request('/console/api/tips?days=3', { headers: bearer() })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { tips: unknown[] }).tips).toHaveLength(3)
  })

  it('refuses a session once it has expired, and one signed with another token', async () => {
    const codec = sessionCodec(TOKEN)
    const issued = new Date('2025-03-01T00:00:00Z')
    const value = await codec.issue(issued)
    expect(await codec.verify(value, issued)).toBe(true)
    expect(await codec.verify(value, new Date(issued.getTime() + (SESSION_TTL_SECONDS + 1) * 1000))).toBe(false)
    expect(await sessionCodec(`${TOKEN}-rotated`).verify(value, issued)).toBe(false)
    const [v, exp, nonce] = value.split('.')
    expect(await codec.verify(`${v}.${Number(exp) + 999}.${nonce}.${value.split('.')[3]}`, issued)).toBe(false)
  })

  it('compares tokens exactly', async () => {
    expect(await tokensEqual(TOKEN, TOKEN)).toBe(true)
    expect(await tokensEqual(`${TOKEN} `, TOKEN)).toBe(false)
    expect(await tokensEqual(TOKEN.slice(0, -1), TOKEN)).toBe(false)
    expect(await tokensEqual('', TOKEN)).toBe(false)
  })

  it(`stops an address after ${MAX_FAILED_SIGN_INS} failed sign-ins, even with the right token, counted in the store`, async () => {
    const limited = consoleTestApp('limit')
    try {
      const attempt = (token: string) =>
        limited.request('/console/login', {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
        })
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) expect((await attempt(`wrong-${i}-0123456789abcdef`)).status).toBe(401)
      const blocked = await attempt(TOKEN)
      expect(blocked.status).toBe(429)
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await limited.request('/console/api/stats', { headers: bearer() })).status).toBe(429)
      const counters = (await keysUnder(limited.prefix)).filter((k) => k.startsWith('console:signin-fail:'))
      expect(counters).toHaveLength(1)
      const redis = new Redis(REDIS_URL, { disableClientInfo: true })
      const ttl = await redis.ttl(`${limited.prefix}${counters[0]}`)
      await redis.quit()
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(SIGN_IN_WINDOW_SECONDS)
    } finally {
      await limited.cleanup()
    }
  })
})

describe('state-changing requests', () => {
  it('refuses a cross-origin POST even with a valid session, and changes nothing', async () => {
    const cookie = await signIn(t)
    const body = { chatId: 'wecom-chat-x', webhookUrl: WECOM_URL }
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.test', cookie },
      { origin: ORIGIN, 'sec-fetch-site': 'cross-site', cookie },
      { cookie }, // no Origin at all
    ]
    for (const headers of attempts) {
      const res = await t.request('/console/api/subscriptions', json(body, headers))
      expect(res.status).toBe(403)
      expect(((await res.json()) as { error: string }).error).toMatch(/cross|Origin/)
    }
    expect(await listSubscriptions(t.store)).toEqual([])
    const login = await t.request('/console/login', {
      method: 'POST',
      headers: { origin: 'https://evil.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKEN }).toString(),
    })
    expect(login.status).toBe(403)
    expect(login.headers.get('set-cookie')).toBeNull()
  })

  it('lets the same-origin POST through', async () => {
    const cookie = await signIn(t)
    const res = await t.request('/console/api/subscriptions', json({ chatId: 'wecom-chat-ok', webhookUrl: WECOM_URL }, { origin: ORIGIN, cookie }))
    expect(res.status).toBe(200)
    expect(await listSubscriptions(t.store)).toMatchObject([{ platform: 'wecom', chatId: 'wecom-chat-ok' }])
  })
})

describe('headers', () => {
  it('serves every page with a CSP that allows no inline script or style', async () => {
    const cookie = await signIn(t)
    for (const path of ['/console/login', ...CONSOLE_GETS.filter((p) => !p.startsWith('/console/api/'))]) {
      const res = await t.request(path, { headers: { cookie } })
      const csp = res.headers.get('content-security-policy')
      expect(csp, path).toBe(CONTENT_SECURITY_POLICY)
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      const html = await res.text()
      expect(html.replace(/<script src="[^"]+" defer=""><\/script>/g, ''), path).not.toMatch(/<script|style=/)
    }
  })
})
