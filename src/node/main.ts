// Node entry: one long-lived store and Feishu client, the Hono app on @hono/node-server, the tip scheduler, and
// a timer that sends what the reply outbox holds.
import { createBot, type AppDeps } from '../app'
import { CONSOLE_OFF_NOTICE } from '../console'
import { ConfigError, loadConfig, type Config } from '../config'
import { loadKnowledge } from '../knowledge/knowledge'
import { feishuApiFromConfig } from '../platforms/feishu/client'
import { runTipPush } from '../platforms/messenger'
import { deliveryTiming, scaledTiming } from '../platforms/timing'
import { createStore } from '../store'
import { warmUpRequestPath } from '../warm-up'
import { BackgroundWork } from './background'
import { nodeCryptoBackend } from './crypto'
import { listen, type Listening } from './listen'
import { startTipScheduler } from './scheduler'

const log = (m: string) => console.error(`[${new Date().toISOString()}] ${m}`)

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function readConfig(): Config {
  try {
    return loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
}

/** DELIVERY_TIME_SCALE shrinks every reply time limit (the chaos suite uses 0.1); unset in production. */
function readTimeScale(): number {
  const raw = process.env.DELIVERY_TIME_SCALE?.trim()
  if (!raw) return 1
  const scale = Number(raw)
  if (!(scale > 0 && scale <= 1)) fail(`DELIVERY_TIME_SCALE must be a number above 0 and at most 1 (got "${raw}")`)
  return scale
}

const config = readConfig()
const scale = readTimeScale()
const timing = scale === 1 ? deliveryTiming() : scaledTiming(scale)
const knowledge = loadKnowledge()
// When Redis returns, the outbox is drained at once: what was kept in memory meanwhile becomes shared again.
const { store, notice } = createStore(config, { failover: { log, onRecover: () => drainOutbox() } })
if (notice) log(notice)
if (scale !== 1) log(`DELIVERY_TIME_SCALE=${scale}: every reply time limit is scaled (outbox window ${Math.round(timing.outboxWindowMs / 1000)} s)`)

const feishuApi = feishuApiFromConfig(config, { log, timeoutMs: timing.attemptTimeoutMs })
if (!feishuApi) log('FEISHU_APP_ID / FEISHU_APP_SECRET not set: the Feishu webhook answers 503 to messages until they are')

const stop = new AbortController()
const deps: AppDeps = { config, knowledge, feishuApi, log, crypto: nodeCryptoBackend, timing, stop: stop.signal, openStore: () => ({ store, release: async () => {} }) }
const { app, drainOutbox: drain, handOff, rejections } = createBot(deps)
const background = new BackgroundWork(log)

// The outbox: replies the request could not deliver in its own time, retried here until sent or their window closes.
let draining = false
let stopping = false
function drainOutbox(): void {
  if (draining || stopping) return
  draining = true
  const run = drain(store)
    .then((r) => {
      if (r.shared) log(`outbox: ${r.shared} reply(ies) kept in memory during the Redis outage written to Redis`)
      if (r.sent || r.givenUp) log(`outbox: sent ${r.sent}, given up ${r.givenUp}, ${r.pending - r.sent - r.givenUp} waiting`)
    })
    .finally(() => (draining = false))
  background.ctx.waitUntil(run)
}
const outboxTimer = setInterval(drainOutbox, timing.outboxEveryMs)

// `docker stop` waits 10 s before SIGKILL: finish what is in flight within 5 s, then leave the rest to the outbox.
// The hand-off is not scaled with DELIVERY_TIME_SCALE: it is how long an aborted reply may take to reach the outbox,
// which is the machine's speed, not a reply time limit (and it ends as soon as the replies are written).
const SHUTDOWN_FINISH_MS = 5000 * scale
const SHUTDOWN_HANDOFF_MS = 2000

let stopScheduler = () => {}
let server: Listening['server'] | undefined

async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log(`${signal}: no new requests; finishing ${background.size} background job(s), at most ${SHUTDOWN_FINISH_MS / 1000} s`)
  clearInterval(outboxTimer)
  stopScheduler()
  server?.close()
  server?.closeIdleConnections()
  let left = await background.settle(SHUTDOWN_FINISH_MS)
  if (left) {
    // Replies still retrying stop at once and wait in the outbox for the next process (or another instance).
    stop.abort()
    left = await background.settle(SHUTDOWN_HANDOFF_MS)
    log(`handed unfinished replies to the outbox${left ? `; ${left} job(s) still running` : ''}`)
  }
  // Replies kept in this process's memory (written while Redis was down) go to Redis now, or they die with it.
  const handed = await handOff(store).catch((e: unknown) => {
    log(`outbox: handing over at shutdown failed: ${e instanceof Error ? e.message : String(e)}`)
    return { handedOver: 0, lost: 0 }
  })
  if (handed.handedOver || handed.lost) log(`outbox: ${handed.handedOver} reply(ies) kept in memory handed to Redis${handed.lost ? `, ${handed.lost} could not be` : ''}`)
  rejections.flush()
  await store.close()
  process.exit(0)
}
// Registered before listening, so a signal during start-up still stops cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal))

// Sample questions answered in memory before listening: otherwise a fresh process's first webhooks pay for building
// the matcher's index and compiling the request path (1–2 s on a loaded 2-core box, for an instance restarted
// under load by npm run chaos).
const warmUp = await warmUpRequestPath(knowledge).then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)))
if (warmUp) log(`start-up warm-up failed (the first question pays for compiling): ${warmUp}`)

const host = process.env.HOST?.trim() || '0.0.0.0'
// The second argument carries Node's IncomingMessage, which the console reads the client's address from.
const listening = await listen((req, env) => app.fetch(req, env, background.ctx), host, config.PORT, log).catch(async (err: Error) => {
  console.error(err.message)
  await store.close()
  process.exit(1)
})
server = listening.server
log(`红书参谋 listening on ${listening.url} (store: ${store.kind}, knowledge ${knowledge.version})`)
log(config.CONSOLE_TOKEN ? `console: ${listening.url}/console (sign in with CONSOLE_TOKEN)` : CONSOLE_OFF_NOTICE)
drainOutbox() // what a previous process left behind

stopScheduler = startTipScheduler({
  cron: config.TIP_CRON,
  timeZone: config.TZ_NAME,
  run: () => runTipPush({ config, store, knowledge, feishuApi, log, timing }),
})
