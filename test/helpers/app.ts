import { createApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import type { CryptoBackend } from '../../src/platforms/crypto-backend'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { feishuApiFromConfig } from '../../src/platforms/feishu/client'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import type { Store } from '../../src/store/store'
import { ENCRYPT_KEY, TOKEN } from './feishu'

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

export function redisStore(): Store {
  // The same prefix as the app's default REDIS_PREFIX, so the test reads what the app wrote.
  return new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: 'xhs:' }))
}

/** The real app, wired as the Node entry wires it, against a fake Open API and the given store. */
export function testApp(opts: { store: Store; apiBase: string; env?: Record<string, string>; sleep?: (ms: number) => Promise<void>; crypto?: CryptoBackend }) {
  const config = loadConfig({
    FEISHU_APP_ID: 'cli_test',
    FEISHU_APP_SECRET: 'secret_test',
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_API_BASE: opts.apiBase,
    ...opts.env,
  })
  const logs: string[] = []
  const feishuApi = feishuApiFromConfig(config, { log: (m) => logs.push(m), sleep: opts.sleep })
  const app = createApp({
    config,
    knowledge: loadKnowledge(),
    feishuApi,
    log: (m) => logs.push(m),
    crypto: opts.crypto,
    openStore: () => ({ store: opts.store, release: async () => {} }),
  })
  return { app, logs, config }
}
