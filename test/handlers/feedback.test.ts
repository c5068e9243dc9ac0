import Redis from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import type { HandlerContext } from '../../src/bot/handler'
import type { ButtonAction } from '../../src/bot/message'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { FEEDBACK_TTL_SECONDS, VOTE_TTL_SECONDS, feedbackKey, readVotes, voteKey } from '../../src/store/keys'
import { feedbackHandler } from '../../handlers/feedback'
import { REDIS_URL, deleteKeys, keysUnder, prefixedRedisStore, randomPrefix } from '../helpers/redis-test-store'

const knowledge = loadKnowledge()
const prefix = randomPrefix('feedback')
const store = prefixedRedisStore(prefix)
afterAll(async () => {
  await store.close()
  await deleteKeys(prefix)
})

// 23:30 UTC on 30 April is 07:30 on 1 May in Shanghai: the vote belongs to the community's date.
const NOW = new Date('2024-04-30T23:30:00Z')

function ctx(action: ButtonAction, senderId = 'ou_1'): HandlerContext {
  return {
    msg: { platform: 'feishu', chatId: 'oc_1', chatType: 'group', messageId: `om_${Math.random()}`, senderId, text: '', mentionsBot: false, action },
    session: { depth: 0 },
    store,
    knowledge,
    now: NOW,
    timeZone: 'Asia/Shanghai',
    isAdmin: false,
  }
}

describe('feedback handler', () => {
  it('writes nothing for a topic the knowledge does not have, and says the button is stale', async () => {
    const reply = await feedbackHandler(ctx({ type: 'feedback', intent: 'made-up-topic', vote: 'up' }))
    expect(reply?.kind).toBe('toast')
    expect(reply?.title).toContain('失效')
    expect(await keysUnder(prefix)).toEqual([])
  })

  it('counts one vote per person, topic and local date, in keys that expire', async () => {
    const up = { type: 'feedback', intent: 'new-account', vote: 'up' } as const
    expect((await feedbackHandler(ctx(up)))?.title).toContain('👍')
    expect((await feedbackHandler(ctx(up)))?.title).toContain('已经反馈')
    await feedbackHandler(ctx({ type: 'feedback', intent: 'new-account', vote: 'down' }, 'ou_2'))
    expect(await readVotes(store, '2024-05-01')).toEqual({ 'new-account': { up: 1, down: 1 } })
    expect(await keysUnder(prefix)).toEqual([
      feedbackKey('2024-05-01'),
      voteKey('2024-05-01', 'feishu', 'new-account', 'ou_1'),
      voteKey('2024-05-01', 'feishu', 'new-account', 'ou_2'),
    ])
    const direct = new Redis(REDIS_URL, { disableClientInfo: true })
    const ttl = (k: string) => direct.ttl(`${prefix}${k}`)
    expect(await ttl(feedbackKey('2024-05-01'))).toBeGreaterThan(FEEDBACK_TTL_SECONDS - 30)
    expect(await ttl(voteKey('2024-05-01', 'feishu', 'new-account', 'ou_1'))).toBeGreaterThan(VOTE_TTL_SECONDS - 30)
    await direct.quit()
  })
})
