// The outbox across a Redis restart that lost its data (no persistence): a reply the outbox held is still sent
// by the process that wrote it, and not sent again when another process already did. Own redis-server (TEST_REDIS_PORTS).
import type { ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBot } from '../../src/app'
import { loadConfig } from '../../src/config'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { feishuApiFromConfig } from '../../src/platforms/feishu/client'
import { realClock, type Clock } from '../../src/platforms/retry'
import { createStore } from '../../src/store'
import type { Store } from '../../src/store/store'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, ENCRYPT_KEY, TOKEN, feishuRequest, testCtx, textMessage, uid } from '../helpers/feishu'
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from '../helpers/redis-server-process'

let port = 0
let redis: ChildProcess | undefined
let api: FakeOpenApi
const stores: Store[] = []

beforeAll(async () => {
  api = new FakeOpenApi(BOT)
  await api.start()
  if (!hasRedisServer) return
  port = await freePort()
  redis = await startRedisServer(port)
})
afterAll(async () => {
  await api.stop()
  for (const s of stores) await s.close()
  if (redis) await stopRedisServer(redis)
})

/** One bot instance (its own process state) on its own connection to the shared Redis. */
function instance(shift: { ms: number }) {
  const store = createStore({ REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'outbox-test:' }, { failover: { timeoutMs: 300, probeEveryMs: 100, log: () => {} } }).store
  stores.push(store)
  const config = loadConfig({ FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret_test', FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_API_BASE: api.url })
  const clock: Clock = { ...realClock, now: () => Date.now() + shift.ms, sleep: async () => {} }
  const bot = createBot({
    config,
    knowledge: loadKnowledge(),
    feishuApi: feishuApiFromConfig(config, { log: () => {}, timeoutMs: 300 }),
    log: () => {},
    clock,
    timing: { retryBudgetMs: 2000 },
    openStore: () => ({ store, release: async () => {} }),
  })
  const ask = async (messageId: string) => {
    const t = testCtx()
    await bot.app.fetch(await feishuRequest(textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId })), {}, t.ctx)
    await t.settle()
  }
  return { bot, store, ask }
}

const tries = (messageId: string) => api.sent('reply').filter((c) => c.path.includes(messageId))
const limited = () => api.script('/reply$', { status: 429, body: { code: 99991400, msg: 'limit' }, headers: { 'x-ogw-ratelimit-reset': '30' } })

async function restartRedisEmpty() {
  await stopRedisServer(redis!)
  redis = await startRedisServer(port)
}

describe.skipIf(!hasRedisServer)('the outbox when Redis comes back empty', () => {
  it('still sends the reply it held, from the process that wrote it', async () => {
    const shift = { ms: 0 }
    const a = instance(shift)
    const messageId = uid('om')
    limited()
    await a.ask(messageId)
    expect(tries(messageId)).toHaveLength(1)

    await restartRedisEmpty()
    shift.ms = 31_000
    await new Promise((r) => setTimeout(r, 200)) // let the client notice the new server
    const report = await a.bot.drainOutbox(a.store)
    expect(report.sent).toBe(1)
    expect(tries(messageId)).toHaveLength(2)
  })

  it('does not send again what another process already sent', async () => {
    const shift = { ms: 0 }
    const a = instance(shift)
    const b = instance(shift)
    const messageId = uid('om')
    limited()
    await a.ask(messageId)
    shift.ms = 31_000
    expect((await b.bot.drainOutbox(b.store)).sent).toBe(1)
    expect(tries(messageId)).toHaveLength(2)
    expect((await a.bot.drainOutbox(a.store)).sent).toBe(0)
    expect(tries(messageId)).toHaveLength(2)
  })
})
