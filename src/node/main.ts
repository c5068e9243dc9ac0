// Node entry: one long-lived store and Feishu client, the Hono app on @hono/node-server, and the tip scheduler.
import { createApp } from '../app'
import { CONSOLE_OFF_NOTICE } from '../console'
import { ConfigError, loadConfig, type Config } from '../config'
import { loadKnowledge } from '../knowledge/knowledge'
import { feishuApiFromConfig } from '../platforms/feishu/client'
import { runTipPush } from '../platforms/messenger'
import { createStore } from '../store'
import { BackgroundWork } from './background'
import { nodeCryptoBackend } from './crypto'
import { listen, type Listening } from './listen'
import { startTipScheduler } from './scheduler'

const log = (m: string) => console.error(`[${new Date().toISOString()}] ${m}`)

function readConfig(): Config {
  try {
    return loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

const config = readConfig()
const knowledge = loadKnowledge()
const { store, notice } = createStore(config, { failover: { log } })
if (notice) log(notice)

const feishuApi = feishuApiFromConfig(config, { log })
if (!feishuApi) log('FEISHU_APP_ID / FEISHU_APP_SECRET not set: the Feishu webhook answers 503 to messages until they are')

const app = createApp({ config, knowledge, feishuApi, log, crypto: nodeCryptoBackend, openStore: () => ({ store, release: async () => {} }) })
const background = new BackgroundWork(log)

// `docker stop` waits 10 s before SIGKILL: finish what is in flight within 5 s, then stop.
const SHUTDOWN_FINISH_MS = 5000

let stopScheduler = () => {}
let server: Listening['server'] | undefined
let stopping = false

async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  log(`${signal}: no new requests; finishing ${background.size} background job(s), at most ${SHUTDOWN_FINISH_MS / 1000} s`)
  stopScheduler()
  server?.close()
  server?.closeIdleConnections()
  const left = await background.settle(SHUTDOWN_FINISH_MS)
  if (left) log(`${left} background job(s) did not finish in time`)
  await store.close()
  process.exit(0)
}
// Registered before listening, so a signal during start-up still stops cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal))

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

stopScheduler = startTipScheduler({
  cron: config.TIP_CRON,
  timeZone: config.TZ_NAME,
  run: () => runTipPush({ config, store, knowledge, feishuApi, log }),
})
