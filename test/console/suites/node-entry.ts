// How the Node entry (`npm start`) treats CONSOLE_TOKEN: on and saying where, closed to strangers, refused when too
// short. Off (no CONSOLE_TOKEN) is checked on the starts in test/node/main.test.ts. Runs on the server that
// test/console/browser.test.ts starts (each start is a second of CPU), before the browser writes anything.
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/config'
import { keysUnder } from '../../helpers/redis-test-store'
import type { NodeServer } from '../helpers/node-server'
import { CONSOLE_API_POSTS, CONSOLE_GETS } from '../helpers/routes'

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20))
}

/** `started()` is the server, started with CONSOLE_TOKEN and REDIS_PREFIX `prefix`. */
export function nodeEntrySuite(started: () => NodeServer, prefix: string) {
  describe('the Node entry', () => {
    it('names the console address when CONSOLE_TOKEN is set', async () => {
      const server = started()
      await until(() => server.logs.join('').includes('console:'))
      expect(server.logs.join('')).toContain(`console: ${server.url}/console`)
      expect((await fetch(`${server.url}/console`, { redirect: 'manual' })).status).toBe(302)
    })

    it('answers 401 or the sign-in page to strangers on every console route, and writes nothing for them', async () => {
      const server = started()
      const botKeys = async () => (await keysUnder(prefix)).filter((k) => !k.startsWith('console:signin-fail:'))
      const before = await botKeys()
      const forged = `xhs_console=v1.${Math.floor(Date.now() / 1000) + 3600}.AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}`
      // Behind a local proxy the client's address comes from X-Forwarded-For: a new one each time keeps the
      // failed-sign-in limit out of the way here.
      let n = 0
      const strangers = (): Record<string, string>[] => [
        {},
        { cookie: forged },
        { authorization: 'Bearer wrong-token-wrong-token', 'x-forwarded-for': `198.51.100.${++n}` },
      ]
      for (const path of CONSOLE_GETS) {
        for (const headers of strangers()) {
          const res = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' })
          const page = !path.startsWith('/console/api/') && !headers.authorization
          expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(page ? 302 : 401)
          if (page) expect(res.headers.get('location')).toMatch(/^\/console\/login\?next=/)
        }
      }
      for (const [path, body] of CONSOLE_API_POSTS) {
        for (const headers of strangers()) {
          const init = { method: 'POST', headers: { ...headers, origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(body) }
          expect((await fetch(`${server.url}${path}`, init)).status, `${path} ${JSON.stringify(headers)}`).toBe(401)
        }
      }
      expect(await botKeys()).toEqual(before)
    })

    it('refuses to start with a token shorter than 16 characters, naming the variable', () => {
      expect(() => loadConfig({ CONSOLE_TOKEN: 'too-short' })).toThrow(ConfigError)
      expect(() => loadConfig({ CONSOLE_TOKEN: 'too-short' })).toThrow(/CONSOLE_TOKEN: must be at least 16 characters/)
    })
  })
}
