// Middleware every console route passes through: security headers, the same-origin check on state-changing
// requests, and authentication (session cookie or Bearer token).
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { bearerToken, SESSION_COOKIE, tokensEqual, type SessionCodec } from './auth'
import { clientAddress, type ConsoleContext, type ConsoleEnv } from './env'
import { recordFailedSignIn, signInBlockedFor } from './sign-in-limit'

/** No inline script or style anywhere: the script and the style sheet are served from /console/assets/. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

export const securityHeaders: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  await next()
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('X-Frame-Options', 'DENY')
  // Not no-referrer: with it Chromium sends `Origin: null` on form posts, which the same-origin check must refuse.
  c.header('Referrer-Policy', 'same-origin')
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The host the browser addressed (a reverse proxy passes Host through), compared with Origin's host. */
function requestHost(c: ConsoleContext): string {
  return c.req.header('host') ?? new URL(c.req.url).host
}

/** Why a state-changing request may not proceed (cross-origin, or no Origin on a cookie request), or null. */
export function originProblem(c: ConsoleContext): string | null {
  if (SAFE_METHODS.has(c.req.method)) return null
  const site = c.req.header('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') return `cross-origin request refused (Sec-Fetch-Site: ${site})`
  const origin = c.req.header('origin')
  if (!origin) {
    // Browsers send Origin on every POST; scripts with a Bearer token need not (no cookie rides along with them).
    return bearerToken(c.req.header('authorization')) ? null : 'missing Origin header'
  }
  let host: string
  try {
    host = new URL(origin).host
  } catch {
    return 'malformed Origin header'
  }
  return host === requestHost(c) ? null : `cross-origin request refused (Origin ${origin})`
}

export const sameOriginOnly: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const problem = originProblem(c)
  if (problem) return c.json({ error: problem }, 403)
  await next()
}

export interface AuthOptions {
  token: string
  sessions: SessionCodec
  now: () => Date
}

function isApi(c: ConsoleContext): boolean {
  return new URL(c.req.url).pathname.startsWith('/console/api/')
}

/** Who may pass: a valid session cookie, or the token as a Bearer header. Everyone else: 401 or the sign-in page. */
export function requireAuth(opts: AuthOptions): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const now = opts.now()
    const presented = bearerToken(c.req.header('authorization'))
    if (presented !== null) {
      const store = c.get('store')
      const address = clientAddress(c)
      const wait = await signInBlockedFor(store, address, now)
      if (wait !== null) {
        c.header('Retry-After', String(wait))
        return c.json({ error: 'too many failed sign-ins; try again later' }, 429)
      }
      if (!(await tokensEqual(presented, opts.token))) {
        await recordFailedSignIn(store, address, now)
        return c.json({ error: 'wrong console token' }, 401)
      }
      c.set('auth', 'bearer')
      return next()
    }
    if (await opts.sessions.verify(getCookie(c, SESSION_COOKIE), now)) {
      c.set('auth', 'cookie')
      return next()
    }
    if (isApi(c) || !SAFE_METHODS.has(c.req.method)) return c.json({ error: 'sign in to the console first' }, 401)
    const url = new URL(c.req.url)
    return c.redirect(`/console/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302)
  }
}
