// The daily tip through the Feishu messenger against the fake Open API: how send errors decide a chat's fate.
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import { feishuApiFromConfig } from '../../../src/platforms/feishu/client'
import { runTipPush } from '../../../src/platforms/messenger'
import { isSubscribed, subscribe } from '../../../src/tips/subscriptions'
import { uid } from '../../helpers/feishu'
import { prefixedRedisStore, testPrefix } from '../../helpers/redis-test-store'
import { fakeOpenApiWith } from '../../helpers/open-api-fixture'

const prefix = testPrefix('feishu-messenger')
const { api, store } = fakeOpenApiWith(prefixedRedisStore(prefix))

async function pushTo(chatId: string) {
  const config = loadConfig({ FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret_test', FEISHU_API_BASE: api.url })
  return runTipPush({ config, store, knowledge: loadKnowledge(), feishuApi: feishuApiFromConfig(config, { log: () => {} }), log: () => {} })
}

describe('daily tip on Feishu', () => {
  // The generic error shape of the Open API: HTTP 400 with {code, msg} (server-docs api-call-guide generic error code).
  for (const [code, what] of [[230002, 'the bot is not in the chat'], [232009, 'the chat was dissolved'], [232011, 'the bot was removed']] as const) {
    it(`unsubscribes a chat when the send answers ${code} (${what})`, async () => {
      const chatId = uid('oc')
      await subscribe(store, { platform: 'feishu', chatId, since: new Date().toISOString() })
      api.script('/open-apis/im/v1/messages$', { status: 400, body: { code, msg: what } })
      const result = await pushTo(chatId)
      expect(result.failed.map((f) => f.chatId)).toContain(chatId)
      expect(await isSubscribed(store, 'feishu', chatId)).toBe(false)
    })
  }

  it('keeps the subscription when the failure is not about the chat', async () => {
    const chatId = uid('oc')
    await subscribe(store, { platform: 'feishu', chatId, since: new Date().toISOString() })
    api.script('/open-apis/im/v1/messages$', { status: 400, body: { code: 230025, msg: 'content too long' } })
    await pushTo(chatId)
    expect(await isSubscribed(store, 'feishu', chatId)).toBe(true)
  })
})
