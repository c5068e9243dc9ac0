import { afterAll, describe, expect, it } from 'vitest'
import type { InboundMessage } from '../../../src/bot/message'
import { handleWecomWebhook } from '../../../src/platforms/wecom/webhook'
import { dedupeKey } from '../../../src/store/keys'
import { RedisStore } from '../../../src/store/redis'
import { buildWecomRequest, textCallback, uniqueId, WECOM_AES_KEY, WECOM_TOKEN } from './fixtures'
import { answerReply } from './sample-replies'
import { prefixedRedisClient, testPrefix } from '../../helpers/redis-test-store'

// Under this file's test prefix (ioredis keyPrefix), deleted after the last test.
const client = prefixedRedisClient(testPrefix('wecom-dedupe'))
const store = new RedisStore(client)

afterAll(async () => {
  await client.quit()
})

describe('WeCom de-duplication on real Redis', () => {
  it('dispatches once when the same msgid arrives five times at once', async () => {
    const msgId = uniqueId(`wecom-redis-${Math.random().toString(36).slice(2)}`)
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
