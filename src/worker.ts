// Workers entry: the same Hono app; a Redis connection per request or cron run (a socket cannot outlive
// the request that opened it in workerd), closed in waitUntil after the background work.
import { createApp } from './app'
import { ConfigError, loadConfig, type Config } from './config'
import { loadKnowledge } from './knowledge/knowledge'
import { feishuApiFromConfig, type FeishuApi } from './platforms/feishu/client'
import { getMatcher } from './matcher/matcher'
import { createOutageState, createStore, MemoryStore } from './store'
import { runTipPush } from './platforms/messenger'
import { warmUpRequestPath } from './warm-up'

type Env = Record<string, unknown>
interface ExecutionContext {
  waitUntil(p: Promise<unknown>): void
  passThroughOnException(): void
  props: unknown
}

const log = (m: string) => console.log(m)
// Per isolate: the fallback memory and outage state survive across requests; Redis connections do not.
const fallback = new MemoryStore()
const outage = createOutageState()

// Start-up work, paid once per isolate within the start-up limit (1 s) instead of by its first question (the Free
// plan allows 10 ms of CPU per request): validate the knowledge, build the matcher's index, and answer sample
// questions through the request path so that V8 has compiled it (see warm-up.ts). workerd finishes the warm-up's
// microtasks before it hands the isolate a request.
const knowledge = loadKnowledge()
getMatcher(knowledge)
void warmUpRequestPath(knowledge).catch((e: unknown) => log(`start-up warm-up failed (the first question pays for compiling): ${String(e)}`))

interface Built { config: Config; app: ReturnType<typeof createApp>; feishuApi: FeishuApi | null }
let built: { env: Env; value: Built | ConfigError } | undefined

function build(env: Env): Built | ConfigError {
  if (built?.env === env) return built.value
  let value: Built | ConfigError
  try {
    const config = loadConfig(env)
    const feishuApi = feishuApiFromConfig(config, { log })
    const openStore = () => {
      const { store } = createStore(config, { perRequest: true, fallback, failover: { state: outage, log } })
      return { store, release: () => (store === fallback ? Promise.resolve() : store.close()) }
    }
    value = { config, feishuApi, app: createApp({ config, knowledge, feishuApi, log, openStore }) }
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    log(err.message)
    value = err
  }
  built = { env, value }
  return value
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const b = build(env)
    if (b instanceof ConfigError) return Response.json({ error: b.problems.join('; ') }, { status: 503 })
    return b.app.fetch(request, env, ctx)
  },

  async scheduled(_controller: unknown, env: Env, ctx: ExecutionContext): Promise<void> {
    const b = build(env)
    if (b instanceof ConfigError) return
    const { store } = createStore(b.config, { perRequest: true, fallback, failover: { state: outage, log } })
    const run = runTipPush({ config: b.config, store, knowledge, feishuApi: b.feishuApi, log })
      .then(() => undefined)
      .finally(() => (store === fallback ? undefined : store.close()))
    ctx.waitUntil(run)
    await run
  },
}
