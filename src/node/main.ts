// Node entry: one long-lived store and Feishu client, the Hono app on @hono/node-server, and the tip scheduler.
import { serve } from '@hono/node-server'
import { createApp } from '../app'
import { CONSOLE_OFF_NOTICE } from '../console'
import { ConfigError, loadConfig, type Config } from '../config'
import { loadKnowledge } from '../knowledge/knowledge'
import { nodeCryptoBackend } from './crypto'
import { feishuApiFromConfig } from '../platforms/feishu/client'
import { startTipScheduler } from './scheduler'
import { createStore } from '../store'
import { runTipPush } from '../platforms/messenger'

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

// Node has no ExecutionContext: background work just runs on, and its failures are logged.
const executionCtx = {
  waitUntil: (p: Promise<unknown>) => void p.catch((e: unknown) => log(`background work failed: ${String(e)}`)),
  passThroughOnException: () => {},
  props: {},
}

// The second argument carries Node's IncomingMessage, which the console reads the client's address from.
const server = serve({ fetch: (req, env) => app.fetch(req, env, executionCtx), port: config.PORT, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  log(`红书参谋 listening on http://127.0.0.1:${info.port} (store: ${store.kind}, knowledge ${knowledge.version})`)
  log(config.CONSOLE_TOKEN ? `console: http://127.0.0.1:${info.port}/console (sign in with CONSOLE_TOKEN)` : CONSOLE_OFF_NOTICE)
})

const stopScheduler = startTipScheduler({
  cron: config.TIP_CRON,
  timeZone: config.TZ_NAME,
  run: () => runTipPush({ config, store, knowledge, feishuApi, log }),
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopScheduler()
    server.close()
    void store.close().finally(() => process.exit(0))
  })
}
