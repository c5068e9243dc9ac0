// The operator console at /console: sign-in, then the playground, the question log, stats, and tips with
// subscriptions, all on the same Hono app as the webhooks (Node and Workers alike). Mounted only when
// CONSOLE_TOKEN is set.
import { Hono } from 'hono'
import type { DispatchDeps } from '../bot/dispatch'
import type { Store } from '../store/store'
import type { Knowledge } from '../knowledge/knowledge'
import { apiRoutes } from './api'
import { assetRoutes } from './assets'
import { sessionCodec } from './auth'
import type { ConsoleEnv } from './env'
import { requireAuth, sameOriginOnly, securityHeaders } from './guard'
import { pageRoutes } from './pages'
import { signInRoutes } from './sign-in'

export interface ConsoleDeps {
  /** CONSOLE_TOKEN */
  token: string
  knowledge: Knowledge
  /** The webhooks' dispatch dependencies for a store; the playground overrides only the admin list and the rate limit. */
  dispatchDeps: (store: Store) => DispatchDeps
  /** TZ_NAME, ADMIN_IDS, WECOM_API_BASE, QUESTION_LOG_DAYS */
  timeZone: string
  adminIds: readonly string[]
  wecomApiBase?: string
  questionLogDays: number
  log?: (message: string) => void
  now?: () => Date
}

export const CONSOLE_OFF_NOTICE = 'console: off (set CONSOLE_TOKEN to a secret of at least 16 characters to enable /console)'

export function createConsole(deps: ConsoleDeps) {
  const now = deps.now ?? (() => new Date())
  const sessions = sessionCodec(deps.token)
  const api = {
    knowledge: deps.knowledge,
    dispatchDeps: deps.dispatchDeps,
    timeZone: deps.timeZone,
    adminIds: deps.adminIds,
    wecomApiBase: deps.wecomApiBase,
    logDays: deps.questionLogDays,
    log: deps.log,
    now,
  }
  const app = new Hono<ConsoleEnv>()
  app.use('*', securityHeaders)
  app.route('/', assetRoutes())
  app.route('/', signInRoutes({ token: deps.token, sessions, now }))
  // Everything below needs a signed-in caller, and a same-origin request when it changes anything.
  app.use('*', sameOriginOnly, requireAuth({ token: deps.token, sessions, now }))
  app.route('/', apiRoutes(api))
  app.route('/', pageRoutes(api))
  return app
}
