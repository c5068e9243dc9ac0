// Workers entry: the same Hono app; a Redis connection per request or cron run (a socket cannot outlive
// the request that opened it in workerd), closed in waitUntil after the background work.
import { connect } from 'cloudflare:sockets'
import { env as deploymentEnv } from 'cloudflare:workers'
import { createBot } from './app'
import { ConfigError, loadConfig, type Config } from './config'
import { loadKnowledge } from './knowledge/knowledge'
import { feishuApiFromConfig, type FeishuApi } from './platforms/feishu/client'
import { getMatcher } from './matcher/matcher'
import { runTipPush } from './platforms/messenger'
import { deliveryTiming } from './platforms/timing'
import { createOutageState, createStore, MemoryStore } from './store'
import type { Store } from './store/store'
import { workersSocketConnector } from './store/workers-socket'
import { warmUpRequestPath } from './warm-up'

type Env = Record<string, unknown>
interface ExecutionContext {
  waitUntil(p: Promise<unknown>): void
  passThroughOnException(): void
  props: unknown
}

/** wrangler.toml [triggers]: this one sends what the reply outbox holds; any other cron is the daily tip. */
const OUTBOX_CRON = '* * * * *'

const log = (m: string) => console.log(m)
// Per isolate: the fallback memory and outage state survive across requests; Redis connections do not.
const fallback = new MemoryStore()
const outage = createOutageState()
const timing = deliveryTiming()

// Start-up work, paid once per isolate within the start-up limit (1 s) instead of by its first question (the Free
// plan allows 10 ms of CPU per request): validate the knowledge, build the matcher's index, and answer sample
// questions through the request path so that V8 has compiled it (see warm-up.ts). workerd finishes the warm-up's
// microtasks before it hands the isolate a request.
const knowledge = loadKnowledge()
getMatcher(knowledge)
void warmUpRequestPath(knowledge).catch((e: unknown) => log(`start-up warm-up failed (the first question pays for compiling): ${String(e)}`))

interface Built {
  config: Config
  app: ReturnType<typeof createBot>['app']
  drain: (store: Store) => Promise<unknown>
  feishuApi: FeishuApi | null
}
let built: { env: Env; value: Built | ConfigError } | undefined

// workerd's own sockets, not nodejs_compat's node:net (store/workers-socket.ts)
const Connector = workersSocketConnector(connect)

function openStore(config: Config): Store {
  return createStore(config, { perRequest: true, fallback, failover: { state: outage, log }, Connector }).store
}
const release = (store: Store) => (store === fallback ? Promise.resolve() : store.close())

/** The same bindings: a request may hand over another object than the one imported at start-up. */
const sameEnv = (a: Env, b: Env) => a === b || (Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]))

function build(env: Env): Built | ConfigError {
  if (built && sameEnv(built.env, env)) return built.value
  let value: Built | ConfigError
  try {
    const config = loadConfig(env)
    const feishuApi = feishuApiFromConfig(config, { log, timeoutMs: timing.attemptTimeoutMs })
    const deps = {
      config,
      knowledge,
      feishuApi,
      log,
      timing,
      openStore: () => {
        const store = openStore(config)
        return { store, release: () => release(store) }
      },
    }
    const bot = createBot(deps)
    value = { config, feishuApi, app: bot.app, drain: bot.drainOutbox }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    log(err.message)
    value = err
  }
  built = { env, value }
  return value
}

// The bot for the deployment's bindings is built at start-up too, off the first request's CPU time; a request with
// other bindings (none in production) builds its own. A fault here must not stop the Worker from starting: the first
// request builds again, and answers what went wrong.
try {
  build(deploymentEnv as Env)
} catch (e) {
  log(`building the bot at start-up failed (the first request builds it): ${String(e)}`)
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const b = build(env)
    if (b instanceof ConfigError) return Response.json({ error: b.problems.join('; ') }, { status: 503 })
    return b.app.fetch(request, env, ctx)
  },

  async scheduled(controller: { cron: string }, env: Env, ctx: ExecutionContext): Promise<void> {
    const b = build(env)
    if (b instanceof ConfigError) return
    const store = openStore(b.config)
    const job =
      controller.cron === OUTBOX_CRON
        ? b.drain(store)
        : runTipPush({ config: b.config, store, knowledge, feishuApi: b.feishuApi, log, timing })
    const run = job.then(() => undefined).finally(() => release(store))
    ctx.waitUntil(run)
    await run
  },
}
