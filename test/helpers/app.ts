import { createApp } from '../../src/app'
import type { Handler } from '../../src/bot/handler'
import { loadConfig } from '../../src/config'
import type { CryptoBackend } from '../../src/platforms/crypto-backend'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { feishuApiFromConfig } from '../../src/platforms/feishu/client'
import { RejectionLog } from '../../src/platforms/rejections'
import { realClock, type Clock } from '../../src/platforms/retry'
import type { DeliveryTiming } from '../../src/platforms/timing'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import type { Store } from '../../src/store/store'
import { WECOM_AES_KEY, WECOM_TOKEN } from '../platforms/wecom/fixtures'
import { ENCRYPT_KEY, TOKEN, testCtx } from './feishu'
import { REDIS_URL } from './redis-url'

export { REDIS_URL }

/** The store the Node entry builds, with every key under `prefix` (a testPrefix), as REDIS_PREFIX would put it. */
export function redisStore(prefix: string): Store {
  return new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix }))
}

export interface TestAppOptions {
  store: Store
  /** The fake Feishu Open API's origin. */
  apiBase: string
  env?: Record<string, string>
  /** Stands in for the waits between reply retries (records them instead of sleeping). */
  sleep?: (ms: number) => Promise<void>
  clock?: Clock
  /** Aborted to play a shutdown. */
  stop?: AbortSignal
  crypto?: CryptoBackend
  /** Replaces the bot's handlers (a fixed reply, a slow one…); the webhook path around them stays real. */
  handlers?: readonly Handler[]
  /** Outbound fetch for WeCom (response_url, group webhooks). */
  fetch?: typeof fetch
  now?: () => number
  timing?: Partial<DeliveryTiming>
}

/** The real app, wired as the Node entry wires it (both platforms configured), against a fake Open API and the given store. */
export function testApp(opts: TestAppOptions) {
  const config = loadConfig({
    FEISHU_APP_ID: 'cli_test',
    FEISHU_APP_SECRET: 'secret_test',
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_API_BASE: opts.apiBase,
    WECOM_BOT_TOKEN: WECOM_TOKEN,
    WECOM_BOT_ENCODING_AES_KEY: WECOM_AES_KEY,
    ...opts.env,
  })
  const logs: string[] = []
  const log = (m: string) => void logs.push(m)
  const rejections = new RejectionLog(log, opts.now)
  const feishuApi = feishuApiFromConfig(config, { log, timeoutMs: opts.timing?.attemptTimeoutMs })
  const app = createApp({
    config,
    knowledge: loadKnowledge(),
    feishuApi,
    log,
    crypto: opts.crypto,
    handlers: opts.handlers,
    fetch: opts.fetch,
    rejections,
    now: opts.now,
    timing: opts.timing,
    stop: opts.stop,
    clock: opts.clock ?? (opts.sleep ? { ...realClock, sleep: (ms: number) => opts.sleep!(ms) } : undefined),
    openStore: () => ({ store: opts.store, release: async () => {} }),
  })
  /** Sends one request and waits for its background work (the reply) to finish. */
  const send = async (req: Request) => {
    const t = testCtx()
    const res = await app.fetch(req, {}, t.ctx)
    await t.settle()
    return res
  }
  return { app, logs, config, rejections, send }
}
