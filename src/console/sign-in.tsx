// GET/POST /console/login and POST /console/logout.
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE, SESSION_TTL_SECONDS, tokensEqual, type SessionCodec } from './auth'
import { clientAddress, type ConsoleContext, type ConsoleEnv } from './env'
import { sameOriginOnly } from './guard'
import { LoginPage } from './pages/login'
import { sendPage } from './pages/layout'
import { recordFailedSignIn, signInBlockedFor } from './sign-in-limit'

const HOME = '/console/playground'

/** Only a path inside the console: an open redirect to another site would make the sign-in page a phishing aid. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/console/') || next.startsWith('/console/login')) return HOME
  return /^\/console\/[A-Za-z0-9/_?=&%.-]*$/.test(next) && !next.includes('..') && !next.includes('//') ? next : HOME
}

/** Secure when the browser reached us over HTTPS, directly (Workers) or through a TLS-terminating proxy (Node). */
function overHttps(c: ConsoleContext): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

export function signInRoutes(opts: { token: string; sessions: SessionCodec; now: () => Date }) {
  const app = new Hono<ConsoleEnv>()

  app.get('/login', (c) => sendPage(c, <LoginPage next={safeNext(c.req.query('next'))} />))

  const smallForm = bodyLimit({ maxSize: 8 * 1024, onError: (c) => c.json({ error: 'body is larger than 8 KiB' }, 413) })

  app.post('/login', sameOriginOnly, smallForm, async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const next = safeNext(form.next)
    const now = opts.now()
    const store = c.get('store')
    const address = clientAddress(c)
    const wait = await signInBlockedFor(store, address, now)
    if (wait !== null) {
      c.header('Retry-After', String(wait))
      return sendPage(c, <LoginPage next={next} error={`登录失败次数太多，请 ${Math.ceil(wait / 60)} 分钟后再试。`} />, 429)
    }
    const token = typeof form.token === 'string' ? form.token : ''
    if (!(await tokensEqual(token, opts.token))) {
      await recordFailedSignIn(store, address, now)
      return sendPage(c, <LoginPage next={next} error="令牌不对。" />, 401)
    }
    setCookie(c, SESSION_COOKIE, await opts.sessions.issue(now), {
      path: '/console',
      httpOnly: true,
      sameSite: 'Strict',
      secure: overHttps(c),
      maxAge: SESSION_TTL_SECONDS,
    })
    return c.redirect(next, 303)
  })

  app.post('/logout', sameOriginOnly, (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/console', secure: overHttps(c) })
    return c.redirect('/console/login', 303)
  })

  return app
}
