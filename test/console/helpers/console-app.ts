// The real app with the console mounted, on a Redis store under its own key prefix.
import { createApp } from '../../../src/app'
import { loadConfig } from '../../../src/config'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import type { Store } from '../../../src/store/store'
import { deleteKeys, prefixedRedisStore, randomPrefix } from '../../helpers/redis-test-store'

export const TOKEN = 'console-test-token-0123456789'
export const ORIGIN = 'http://console.test'

export interface ConsoleTestApp {
  app: ReturnType<typeof createApp>
  store: Store
  /** Every key this app writes lives under it. */
  prefix: string
  logs: string[]
  /** A request to the app at ORIGIN; relative paths are fine. */
  request(path: string, init?: RequestInit): Promise<Response>
  cleanup(): Promise<void>
}

export function consoleTestApp(name: string, env: Record<string, string> = {}): ConsoleTestApp {
  const prefix = randomPrefix(`console-${name}`)
  const store = prefixedRedisStore(prefix)
  const logs: string[] = []
  const app = createApp({
    config: loadConfig({ CONSOLE_TOKEN: TOKEN, ...env }),
    knowledge: loadKnowledge(),
    feishuApi: null,
    log: (m) => logs.push(m),
    openStore: () => ({ store, release: async () => {} }),
  })
  return {
    app,
    store,
    prefix,
    logs,
    request: async (path, init) => app.request(new URL(path, ORIGIN).toString(), init),
    cleanup: async () => {
      await store.close()
      await deleteKeys(prefix)
    },
  }
}

export const bearer = (token = TOKEN) => ({ authorization: `Bearer ${token}` })
export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

/** Signs in through the form and returns the session cookie (name=value). */
export async function signIn(t: ConsoleTestApp, token = TOKEN): Promise<string> {
  const res = await t.request('/console/login', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next: '/console/playground' }).toString(),
  })
  const cookie = res.headers.get('set-cookie')
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed: ${res.status}`)
  return cookie.split(';')[0]!
}
