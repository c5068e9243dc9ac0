import { describe, expect, it } from 'vitest'
import { commandsHandler, createCommandsHandler, onBotAdded, onBotRemoved, parseCommand } from '../../handlers/commands'
import type { HandlerContext } from '../../src/bot/handler'
import type { Knowledge, Tip } from '../../src/knowledge/knowledge'
import type { InboundMessage, Platform } from '../../src/bot/message'
import { getSubscription, isSubscribed, listSubscriptions, subscribe } from '../../src/tips/subscriptions'
import { tipForDate } from '../../src/tips/schedule'
import { MemoryStore } from '../../src/store/memory'
import tipsFile from '../../knowledge/tips.json'

const knowledge = {
  version: 'test', synonyms: {}, intents: [], byId: new Map(),
  source: { title: '2024年小红书运营趋势分析', url: 'https://example.feishu.cn/docx/x', year: 2024 },
  tips: tipsFile.tips as Tip[],
} as Knowledge
const NOW = new Date('2026-11-24T01:00:00Z')
const HOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'

function ctx(text: string, opts: { platform?: Platform; isAdmin?: boolean; store?: MemoryStore; action?: InboundMessage['action'] } = {}): HandlerContext {
  const platform = opts.platform ?? 'feishu'
  return {
    msg: {
      platform, chatId: platform === 'feishu' ? 'oc_group' : 'wr_group', chatType: 'group', messageId: 'm1',
      senderId: 'u1', text, mentionsBot: true, ...(opts.action ? { action: opts.action } : {}),
    },
    session: { depth: 0 },
    store: opts.store ?? new MemoryStore(),
    knowledge,
    now: NOW,
    timeZone: 'Asia/Shanghai',
    isAdmin: opts.isAdmin ?? true,
  }
}

describe('parseCommand', () => {
  it.each([
    ['/订阅', 'subscribe'], ['／订阅', 'subscribe'], [' / 订阅 ', 'subscribe'], ['订阅每日推送', 'subscribe'], ['订阅每日推送！', 'subscribe'],
    ['/退订', 'unsubscribe'], ['取消订阅', 'unsubscribe'], ['／退订', 'unsubscribe'],
    ['/tip', 'tip'], ['/TIP', 'tip'], ['今日tip', 'tip'], ['今日 tip', 'tip'], ['／ｔｉｐ', 'tip'],
  ])('reads %j as %s', (text, name) => {
    expect(parseCommand(text)?.name).toBe(name)
  })

  it.each(['订阅号怎么做', '订阅号和服务号有什么区别', '怎么取消订阅会员', 'tip是什么意思', '给我一个关于标题的tip吧', '今天发什么好', ''])(
    'leaves the question %j to other handlers', (text) => {
      expect(parseCommand(text)).toBeNull()
    })

  it('keeps the webhook URL exactly as typed (the key is case-sensitive)', () => {
    expect(parseCommand(`／订阅　${HOOK.replace('key=', 'key=AbC')}`)).toEqual({ name: 'subscribe', arg: HOOK.replace('key=', 'key=AbC') })
  })
})

describe('commands handler', () => {
  it('subscribes a Feishu group and confirms with a notice', async () => {
    const store = new MemoryStore()
    const reply = await commandsHandler(ctx('/订阅', { store }))
    expect(reply?.kind).toBe('notice')
    expect(reply?.title).toBe('订阅成功')
    expect(await getSubscription(store, 'feishu', 'oc_group')).toEqual({ platform: 'feishu', chatId: 'oc_group', since: NOW.toISOString() })
    const again = await commandsHandler(ctx('订阅每日推送', { store }))
    expect(again?.title).toBe('本群已订阅')
  })

  it('unsubscribes, and says so when there was nothing to cancel', async () => {
    const store = new MemoryStore()
    await commandsHandler(ctx('/订阅', { store }))
    expect((await commandsHandler(ctx('取消订阅', { store })))?.title).toBe('已退订')
    expect(await isSubscribed(store, 'feishu', 'oc_group')).toBe(false)
    expect((await commandsHandler(ctx('/退订', { store })))?.title).toBe('本群还没有订阅')
  })

  it('politely refuses subscribe and unsubscribe to non-admins, and changes nothing', async () => {
    const store = new MemoryStore()
    await subscribe(store, { platform: 'feishu', chatId: 'oc_group', since: NOW.toISOString() })
    for (const text of ['/订阅', '/退订']) {
      const reply = await commandsHandler(ctx(text, { store, isAdmin: false }))
      expect(reply?.kind).toBe('notice')
      expect(reply?.title).toBe('需要管理员操作')
    }
    expect(await isSubscribed(store, 'feishu', 'oc_group')).toBe(true)
  })

  it("answers /tip with today's tip for this chat, for anyone", async () => {
    const reply = await commandsHandler(ctx('今日tip', { isAdmin: false }))
    const tip = tipForDate(knowledge.tips, '2026-11-24', 'oc_group')
    expect(reply?.kind).toBe('tip')
    expect(reply?.title).toBe('今日小红书运营tip · 11月24日')
    expect(reply?.blocks).toEqual([{ kind: 'markdown', text: tip.text }])
    expect(reply?.source).toContain(tip.section)
    expect(reply?.source).toContain('2024')
    expect(reply?.buttons).toEqual([{ label: '了解更多', action: { type: 'ask', intent: tip.intent }, style: 'primary' }])
  })

  it('runs a command carried by a button', async () => {
    const reply = await commandsHandler(ctx('', { action: { type: 'command', command: '/tip' } }))
    expect(reply?.kind).toBe('tip')
    expect(await commandsHandler(ctx('', { action: { type: 'ask', intent: 'new-account' } }))).toBeNull()
  })

  it('does not swallow "订阅号怎么做"', async () => {
    const store = new MemoryStore()
    expect(await commandsHandler(ctx('订阅号怎么做', { store }))).toBeNull()
    expect(await listSubscriptions(store)).toEqual([])
  })
})

describe('commands handler in WeCom', () => {
  it('explains how to create a group robot when no webhook URL is given', async () => {
    const store = new MemoryStore()
    const reply = await commandsHandler(ctx('/订阅', { platform: 'wecom', store }))
    expect(reply?.title).toBe('还差一步：群机器人地址')
    expect(JSON.stringify(reply?.blocks)).toContain('/cgi-bin/webhook/send?key=')
    expect(await listSubscriptions(store)).toEqual([])
  })

  it('stores a valid webhook URL on the subscription without echoing the whole key', async () => {
    const store = new MemoryStore()
    const reply = await commandsHandler(ctx(`/订阅 ${HOOK}`, { platform: 'wecom', store }))
    expect(reply?.title).toBe('订阅成功')
    expect(JSON.stringify(reply)).not.toContain('693a91f6-7xxx')
    expect((await getSubscription(store, 'wecom', 'wr_group'))?.webhookUrl).toBe(HOOK)
  })

  it.each([
    ['http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc', 'https'],
    ['https://evil.example.com/cgi-bin/webhook/send?key=abc', '域名'],
    ['https://qyapi.weixin.qq.com/cgi-bin/message/send?key=abc', '路径'],
    ['https://qyapi.weixin.qq.com/cgi-bin/webhook/send', 'key'],
    ['https://qyapi.weixin.qq.com.evil.io/cgi-bin/webhook/send?key=abc', '域名'],
  ])('rejects %s', async (url, reason) => {
    const store = new MemoryStore()
    const reply = await commandsHandler(ctx(`/订阅 ${url}`, { platform: 'wecom', store }))
    expect(reply?.title).toBe('这个地址用不了')
    expect(JSON.stringify(reply?.blocks)).toContain(reason)
    expect(await listSubscriptions(store)).toEqual([])
  })

  it('accepts the host of the configured WECOM_API_BASE', async () => {
    const store = new MemoryStore()
    const handler = createCommandsHandler({ wecomApiBase: 'https://wecom-proxy.example.com' })
    const url = 'https://wecom-proxy.example.com/cgi-bin/webhook/send?key=abc'
    expect((await handler(ctx(`/订阅 ${url}`, { platform: 'wecom', store })))?.title).toBe('订阅成功')
    await expect(subscribe(store, { platform: 'wecom', chatId: 'x', webhookUrl: url, since: '' })).rejects.toThrow(/域名/)
  })
})

describe('bot added / removed events', () => {
  it('auto-subscribes a Feishu group the bot joins, unless turned off', async () => {
    const store = new MemoryStore()
    expect(await onBotAdded(store, 'feishu', 'oc_off', false, NOW)).toBeNull()
    expect(await isSubscribed(store, 'feishu', 'oc_off')).toBe(false)
    expect(await onBotAdded(store, 'feishu', 'oc_new', true, NOW)).toEqual({ platform: 'feishu', chatId: 'oc_new', since: NOW.toISOString() })
    expect(await isSubscribed(store, 'feishu', 'oc_new')).toBe(true)
  })

  it('unsubscribes a group the bot was removed from', async () => {
    const store = new MemoryStore()
    await onBotAdded(store, 'feishu', 'oc_x', true, NOW)
    expect(await onBotRemoved(store, 'feishu', 'oc_x')).toBe(true)
    expect(await listSubscriptions(store)).toEqual([])
  })
})
