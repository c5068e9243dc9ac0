// Benchmark server (Node only): the real app with a recording Feishu API stand-in, or a bare Hono route.
// Usage: tsx bench/webhook-server.ts bare|bare-body|memory|redis — prints the port on stdout, serves until killed.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../src/app'
import { loadConfig } from '../src/config'
import { loadKnowledge } from '../src/knowledge/knowledge'
import type { FeishuApi } from '../src/platforms/feishu/client'
import { nodeCryptoBackend } from '../src/node/crypto'
import { MemoryStore } from '../src/store/memory'
import { RedisStore, createRedisClient } from '../src/store/redis'
import { BENCH_BOT, BENCH_KEY, BENCH_TOKEN } from './webhook-requests'

const mode = process.argv[2] ?? 'memory'
let replies = 0
const api: FeishuApi = {
  async replyCard() { replies++ },
  async sendCard() {},
  async botOpenId() { return BENCH_BOT },
}

function build() {
  if (mode === 'bare') {
    const bare = new Hono()
    bare.post('/webhook/feishu', (c) => c.json({}))
    return bare
  }
  if (mode === 'bare-body') {
    // Reads the request body it is sent: the least any webhook must do before it can answer.
    const bare = new Hono()
    bare.post('/webhook/feishu', async (c) => (await c.req.arrayBuffer(), c.json({})))
    return bare
  }
  const store = mode === 'redis' ? new RedisStore(createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: 'xhs-bench:' })) : new MemoryStore()
  const config = loadConfig({ FEISHU_VERIFICATION_TOKEN: BENCH_TOKEN, FEISHU_ENCRYPT_KEY: BENCH_KEY, RATE_LIMIT_PER_MINUTE: '1000' })
  return createApp({ config, knowledge: loadKnowledge(), feishuApi: api, log: () => {}, crypto: nodeCryptoBackend, openStore: () => ({ store, release: async () => {} }) })
}

const app = build()
const server = new Hono()
server.get('/__replies', (c) => c.json({ replies }))
server.route('/', app as Hono)
const ctx = { waitUntil: (p: Promise<unknown>) => void p.catch(() => {}), passThroughOnException() {}, props: {} }
serve({ fetch: (req) => server.fetch(req, {}, ctx), port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`${info.port}\n`))
