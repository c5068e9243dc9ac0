import Redis from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import type { InboundMessage } from '../../../src/bot/message'
import { handleWecomWebhook } from '../../../src/platforms/wecom/webhook'
import { dedupeKey } from '../../../src/store/keys'
import { RedisStore } from '../../../src/store/redis'
import { buildWecomRequest, textCallback, uniqueId, WECOM_AES_KEY, WECOM_TOKEN } from './fixtures'
import { answerReply } from './sample-replies'

// The dedupe key is named by src/store/keys.ts (no prefix on this client), so isolation comes from a random msgid per test.
const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 1 })
const store = new RedisStore(client)
const used: string[] = []

afterAll(async () => {
  if (used.length) await client.del(...used)
  await client.quit()
})

describe('WeCom de-duplication on real Redis', () => {
  it('dispatches once when the same msgid arrives five times at once', async () => {
    const msgId = uniqueId(`wecom-redis-${Math.random().toString(36).slice(2)}`)
    used.push(dedupeKey('wecom', msgId))
    const seen: InboundMessage[] = []
    const deps = {
      token: WECOM_TOKEN,
      encodingAesKey: WECOM_AES_KEY,
      store,
      dispatch: async (m: InboundMessage) => (seen.push(m), answerReply),
      waitUntil: () => {},
      log: () => {},
    }
    const cb = textCallback('新号怎么起步', { msgId })
    const reqs = await Promise.all(Array.from({ length: 5 }, () => buildWecomRequest(cb)))
    const bodies = await Promise.all(reqs.map(async (r) => (await handleWecomWebhook(r, deps)).text()))
    expect(seen).toHaveLength(1)
    expect(bodies.filter((b) => b !== '')).toHaveLength(1)
    const ttl = await client.ttl(dedupeKey('wecom', msgId))
    expect(ttl).toBeGreaterThan(8 * 3600 - 60)
    expect(ttl).toBeLessThanOrEqual(8 * 3600)
  })
})
