import { createApp } from '../../src/app'
import { loadConfig } from '../../src/config'
import type { CryptoBackend } from '../../src/platforms/crypto-backend'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { feishuApiFromConfig } from '../../src/platforms/feishu/client'
import { RedisStore, createRedisClient } from '../../src/store/redis'
import type { Store } from '../../src/store/store'
import { ENCRYPT_KEY, TOKEN } from './feishu'
import { REDIS_URL } from './redis-url'

export { REDIS_URL }

/** The store the Node entry builds, with every key under `prefix` (a testPrefix), as REDIS_PREFIX would put it. */
export function redisStore(prefix: string): Store {
  return new RedisStore(createRedisClient(REDIS_URL, { keyPrefix: prefix }))
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
