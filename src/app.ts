import { Hono } from 'hono'
import { LinearRouter } from 'hono/router/linear-router'
import { createHandlers } from '../handlers'
import { onBotAdded, onBotRemoved } from '../handlers/commands'
import type { Config } from './config'
import type { CryptoBackend } from './platforms/crypto-backend'
import { dispatch, type DispatchDeps } from './bot/dispatch'
import { createConsole } from './console'
import type { Handler } from './bot/handler'
import type { Knowledge } from './knowledge/knowledge'
import type { InboundMessage } from './bot/message'
import { RecentClaims } from './platforms/dedupe'
import { createDelivery, drainOutbox, handOffOutbox, type DeliveryDeps, type DrainReport } from './platforms/delivery'
import { OutboxMirror } from './platforms/outbox'
import type { FeishuApi } from './platforms/feishu/client'
import { handleFeishuWebhook } from './platforms/feishu/webhook'
import { createMessengers } from './platforms/messenger'
import { noter, rejecter, RejectionLog } from './platforms/rejections'
import { realClock, type Clock } from './platforms/retry'
import { deliveryTiming, type DeliveryTiming } from './platforms/timing'
import type { WebhookDeps } from './platforms/webhook-deps'
import { handleWecomWebhook } from './platforms/wecom/webhook'
import type { Store } from './store/store'

/** A store for one request: Node hands out its long-lived one; Workers open a Redis connection per request. */
export interface StoreLease {
  store: Store
  release: () => Promise<void>
}

export interface AppDeps {
  config: Config
  knowledge: Knowledge
  openStore: () => StoreLease
  feishuApi: FeishuApi | null
  fetch?: typeof fetch
  log?: (message: string) => void
  handlers?: readonly Handler[]
  /** Webhook crypto primitives; Web Crypto by default, node:crypto from the Node entry. */
  crypto?: CryptoBackend
  /** Counts and rate-limits the log lines for rejected requests; pass one to read its totals. */
  rejections?: RejectionLog
  now?: () => number
  /** The reply path's time limits; the defaults suit production. */
  timing?: Partial<DeliveryTiming>
  /** Time as the reply retries see it (tests). */
  clock?: Clock
  /** Aborted when the process stops: replies still retrying are left to the outbox at once. */
  stop?: AbortSignal
}

type Env = { Variables: { store: Store; waitUntil: (p: Promise<unknown>) => void } }

export interface Bot {
  /** The HTTP app: /webhook/feishu, /webhook/wecom, /healthz. */
  app: Hono<Env>
  /** Sends what the reply outbox holds and is due; the Node timer and the Workers cron call it with their store. */
  drainOutbox: (store: Store) => Promise<DrainReport>
  /** At shutdown: writes the outbox entries only this process holds to the shared store (see handOffOutbox). */
  handOff: (store: Store) => Promise<{ handedOver: number; lost: number }>
  rejections: RejectionLog
  /** What dispatch needs for a store: the same for the webhooks, the outbox, the console and the start-up warm-up. */
  dispatchDeps: (store: Store) => DispatchDeps
}

export function createApp(deps: AppDeps): Hono<Env> {
  return createBot(deps).app
}

/** The app and the outbox drain over one set of per-process state (recent claims, outbox copies, rejection counts). */
export function createBot(deps: AppDeps): Bot {
  const log = deps.log ?? ((m: string) => console.error(m))
  const { config, knowledge } = deps
  const handlers = deps.handlers ?? createHandlers({ wecomApiBase: config.WECOM_API_BASE, questionLogDays: config.QUESTION_LOG_DAYS })
  const timing = deliveryTiming(deps.timing)
  const messengers = createMessengers({ feishuApi: deps.feishuApi, wecomApiBase: config.WECOM_API_BASE, fetch: deps.fetch, timeoutMs: timing.attemptTimeoutMs })
  const rejections = deps.rejections ?? new RejectionLog(log)
  const recentClaims = new RecentClaims()
  const mirror = new OutboxMirror()

  // One set of dispatch dependencies for the webhooks, the outbox and the console's playground alike.
  const dispatchDeps = (store: Store): DispatchDeps => ({
    store,
    knowledge,
    handlers,
    timeZone: config.TZ_NAME,
    adminIds: config.ADMIN_IDS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    log,
  })
  const dispatchFor = (store: Store) => (msg: InboundMessage) => dispatch(msg, dispatchDeps(store))
  const deliveryFor = (store: Store): DeliveryDeps => ({
    store,
    messengers,
    dispatch: dispatchFor(store),
    timing,
    clock: deps.clock ?? realClock,
    log,
    stop: deps.stop,
    mirror,
  })

  /** What both webhooks need for this request. */
  const webhookDeps = (store: Store, waitUntil: (p: Promise<unknown>) => void, platform: 'feishu' | 'wecom'): WebhookDeps => ({
    store,
    recentClaims,
    dispatch: dispatchFor(store),
    deliver: createDelivery(deliveryFor(store)),
    waitUntil,
    reject: rejecter(rejections, platform),
    note: noter(rejections, platform),
    log,
    now: deps.now,
  })

  // LinearRouter: nothing to build. The default router compiles all routes into one regex on the first request,
  // and the Worker's app is built on an isolate's first request (its routes need the env), which paid for it.
  const app = new Hono<Env>({ router: new LinearRouter() })
  // Each request leases a store and collects its background work; the lease is returned only after that work ends.
  app.use('*', async (c, next) => {
    const lease = deps.openStore()
    const pending: Promise<unknown>[] = []
    c.set('store', lease.store)
    c.set('waitUntil', (p) => pending.push(p.catch((e: unknown) => log(`background work failed: ${String(e)}`))))
    try {
      await next()
    } finally {
      const done = Promise.allSettled(pending).then(() => lease.release())
      try {
        c.executionCtx.waitUntil(done)
      } catch {
        void done // no execution context (plain app.request in a script): the promise still runs
      }
    }
  })

  app.post('/webhook/feishu', (c) => {
    const store = c.get('store')
    return handleFeishuWebhook(c.req.raw, {
      ...webhookDeps(store, c.get('waitUntil'), 'feishu'),
      verificationToken: config.FEISHU_VERIFICATION_TOKEN,
      encryptKey: config.FEISHU_ENCRYPT_KEY,
      api: deps.feishuApi,
      onBotAdded: (chatId) => onBotAdded(store, 'feishu', chatId, config.TIP_AUTO_SUBSCRIBE),
      onBotRemoved: (chatId) => onBotRemoved(store, 'feishu', chatId),
      crypto: deps.crypto,
      callbackBudgetMs: timing.answerInResponseMs,
    })
  })

  app.on(['GET', 'POST'], '/webhook/wecom', (c) =>
    handleWecomWebhook(c.req.raw, {
      ...webhookDeps(c.get('store'), c.get('waitUntil'), 'wecom'),
      token: config.WECOM_BOT_TOKEN,
      encodingAesKey: config.WECOM_BOT_ENCODING_AES_KEY,
      replyDeadlineMs: timing.answerInResponseMs,
      apiBase: config.WECOM_API_BASE,
    }),
  )

  app.get('/healthz', async (c) => {
    const store = c.get('store')
    return c.json({
      ok: true,
      store: store.kind,
      redis: await store.health(),
      knowledge: { version: knowledge.version, intents: knowledge.intents.length, tips: knowledge.tips.length },
    })
  })

  if (config.CONSOLE_TOKEN) {
    const { TZ_NAME: timeZone, ADMIN_IDS: adminIds, WECOM_API_BASE: wecomApiBase, QUESTION_LOG_DAYS: questionLogDays } = config
    app.route('/console', createConsole({ token: config.CONSOLE_TOKEN, knowledge, dispatchDeps, timeZone, adminIds, wecomApiBase, questionLogDays, log }))
  }

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${new URL(c.req.url).pathname}` }, 404))
  app.onError((err, c) => {
    rejections.note(`unhandled error on ${c.req.method} ${new URL(c.req.url).pathname}`, err.message)
    // A fault of ours or of a dependency, not of the input: 503 asks the platform to retry later.
    return c.json({ error: 'temporarily unavailable, please retry' }, 503)
  })
  return { app, drainOutbox: (store) => drainOutbox(deliveryFor(store)), handOff: (store) => handOffOutbox(deliveryFor(store)), rejections, dispatchDeps }
}
