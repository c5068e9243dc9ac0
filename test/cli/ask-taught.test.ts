// `cli ask` with REDIS_URL set answers with the phrasings taught in that Redis, and writes nothing there.
import { afterAll, describe, expect, it } from 'vitest'
import { runAsk, type AskResult } from '../../src/cli/ask'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { teach } from '../../src/teach'
import { deleteKeys, keysUnder, prefixedRedisStore, randomPrefix, REDIS_URL } from '../helpers/redis-test-store'

const knowledge = loadKnowledge()
const prefix = randomPrefix('cli-ask-taught')
const store = prefixedRedisStore(prefix)
const QUESTION = '主页背景图怎么换'

afterAll(async () => {
  await store.close()
  await deleteKeys(prefix)
})

async function askJson(env: Record<string, string>): Promise<{ result: AskResult; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  expect(await runAsk([QUESTION, '--json'], { out: (l) => out.push(l), err: (l) => err.push(l), env })).toBe(0)
  return { result: JSON.parse(out[0]!) as AskResult, err }
}

describe('cli ask and the taught phrasings', () => {
  it('answers a phrasing taught in Redis the way the bot would, and leaves that Redis as it was', async () => {
    const env = { REDIS_URL, REDIS_PREFIX: prefix }
    const before = await askJson(env)
    expect(before.result.intent).toBeNull()

    expect((await teach(store, knowledge, QUESTION, 'platform-basics')).status).toBe('taught')
    const keys = await keysUnder(prefix)
    const after = await askJson(env)
    expect(after.result.intent).toBe('platform-basics')
    expect(after.result.card).toMatchObject({ schema: '2.0' })
    // No question log, session or rate-limit key: a preview is not traffic.
    expect(await keysUnder(prefix)).toEqual(keys)

    // Without REDIS_URL it answers from the bundled knowledge alone.
    expect((await askJson({})).result.intent).toBeNull()
  })
})
