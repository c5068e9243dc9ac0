import { afterAll, describe, expect, it } from 'vitest'
import { SUBSCRIPTIONS_KEY } from '../../src/store/keys'
import {
  isSubscribed, listSubscriptions, maskWebhookUrl, subscribe, unsubscribe, wecomWebhookProblem,
} from '../../src/tips/subscriptions'
import { deleteKeys, prefixedRedisStore, randomPrefix } from '../helpers/redis-test-store'

const prefix = randomPrefix('subscriptions')
const store = prefixedRedisStore(prefix)
afterAll(async () => {
  await store.close()
  await deleteKeys(prefix)
})
const HOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef123456'

describe('subscriptions on Redis', () => {
  it('subscribes, lists, checks and unsubscribes, keyed under sub:', async () => {
    await subscribe(store, { platform: 'feishu', chatId: 'oc_1', since: '2026-11-24T01:00:00.000Z' })
    await subscribe(store, { platform: 'wecom', chatId: 'wr_1', webhookUrl: ` ${HOOK} `, since: '2026-11-24T01:00:00.000Z' })
    expect(SUBSCRIPTIONS_KEY.startsWith('sub:')).toBe(true)
    expect(await listSubscriptions(store)).toEqual([
      { platform: 'feishu', chatId: 'oc_1', since: '2026-11-24T01:00:00.000Z' },
      { platform: 'wecom', chatId: 'wr_1', webhookUrl: HOOK, since: '2026-11-24T01:00:00.000Z' },
    ])
    expect(await isSubscribed(store, 'feishu', 'oc_1')).toBe(true)
    expect(await isSubscribed(store, 'wecom', 'oc_1')).toBe(false)
    expect(await unsubscribe(store, 'feishu', 'oc_1')).toBe(true)
    expect(await unsubscribe(store, 'feishu', 'oc_1')).toBe(false)
    expect((await listSubscriptions(store)).map((s) => s.chatId)).toEqual(['wr_1'])
  })

  it('skips an entry that does not parse instead of failing the whole list', async () => {
    await store.hset(SUBSCRIPTIONS_KEY, 'feishu:broken', '{not json')
    await store.hset(SUBSCRIPTIONS_KEY, 'feishu:odd', JSON.stringify({ platform: 'slack', chatId: 'x', since: '' }))
    expect((await listSubscriptions(store)).map((s) => s.chatId)).toEqual(['wr_1'])
  })

  it('refuses a WeCom subscription without a usable webhook', async () => {
    await expect(subscribe(store, { platform: 'wecom', chatId: 'wr_2', since: '' })).rejects.toThrow(/webhook URL/)
    await expect(subscribe(store, { platform: 'wecom', chatId: 'wr_2', webhookUrl: 'not a url', since: '' })).rejects.toThrow(/invalid/)
    expect(await isSubscribed(store, 'wecom', 'wr_2')).toBe(false)
  })
})

describe('WeCom webhook URLs', () => {
  it('accepts the official form and names what is wrong otherwise', () => {
    expect(wecomWebhookProblem(HOOK)).toBeNull()
    expect(wecomWebhookProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=')).toMatch(/key/)
    expect(wecomWebhookProblem('https://user@qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=a')).toMatch(/域名/)
  })

  it('masks the key for logs and replies', () => {
    expect(maskWebhookUrl(HOOK)).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd…')
  })
})
