import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Tip } from '../../src/knowledge/knowledge'
import { pushTips } from '../../src/tips/push'
import { SUBSCRIPTIONS_KEY, tipClaimKey } from '../../src/store/keys'
import type { PushTipsOptions } from '../../src/tips/push'
import type { Reply } from '../../src/bot/reply'
import { SendError } from '../../src/bot/send-error'
import { listSubscriptions, subscribe, unsubscribe } from '../../src/tips/subscriptions'
import type { Subscription } from '../../src/tips/subscriptions'
import { tipForDate } from '../../src/tips/schedule'
import type { RedisStore } from '../../src/store/redis'
import tipsFile from '../../knowledge/tips.json'
import { deleteKeys, keysUnder, prefixedRedisStore, randomPrefix } from '../helpers/redis-test-store'

const knowledge = {
  tips: tipsFile.tips as Tip[],
  source: { title: '2024年小红书运营趋势分析', url: 'https://example.feishu.cn/docx/x', year: 2024 },
}
const NOW = new Date('2026-11-24T01:00:00Z') // 09:00 in Shanghai
const DATE = '2026-11-24'
const hook = (key: string) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`

let prefix: string
let stores: RedisStore[] = []
function store(): RedisStore {
  const s = prefixedRedisStore(prefix)
  stores.push(s)
  return s
}

async function seed(s: RedisStore, feishu: string[], wecom: string[] = []): Promise<void> {
  for (const chatId of feishu) await subscribe(s, { platform: 'feishu', chatId, since: NOW.toISOString() })
  for (const chatId of wecom) await subscribe(s, { platform: 'wecom', chatId, webhookUrl: hook(`k-${chatId}`), since: NOW.toISOString() })
}

function recorder(behave: (sub: Subscription, call: number) => Promise<void> | void = () => {}) {
  const calls: { chatId: string; reply: Reply }[] = []
  const send = async (sub: Subscription, reply: Reply) => {
    calls.push({ chatId: sub.chatId, reply })
    await behave(sub, calls.filter((c) => c.chatId === sub.chatId).length)
  }
  return { calls, send }
}

function options(s: RedisStore, send: PushTipsOptions['send'], extra: Partial<PushTipsOptions> = {}): PushTipsOptions {
  const lines: string[] = []
  return {
    store: s, knowledge, now: NOW, timeZone: 'Asia/Shanghai', send,
    log: (line) => lines.push(line),
    pace: { perSecond: 1000, perRobotGapMs: 0, sleep: async () => {} },
    ...extra,
  }
}

beforeEach(() => { prefix = randomPrefix('push-tips') })
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()))
  stores = []
  await deleteKeys(prefix)
})
afterAll(async () => { expect(await keysUnder(prefix)).toEqual([]) })

describe('pushTips against real Redis', () => {
  it('sends exactly one tip per chat when two instances run at once, and nothing on a retry', async () => {
    const a = store()
    const b = store()
    const chats = Array.from({ length: 12 }, (_, i) => `oc_chat_${i}`)
    await seed(a, chats, ['wc_1', 'wc_2'])
    const { calls, send } = recorder(() => new Promise((r) => setTimeout(r, 5)))
    const [r1, r2] = await Promise.all([pushTips(options(a, send)), pushTips(options(b, send))])
    const all = [...chats, 'wc_1', 'wc_2']
    expect(calls.map((c) => c.chatId).sort()).toEqual([...all].sort())
    expect([...r1.sent, ...r2.sent].sort()).toEqual([...all].sort())
    expect(r1.sent.length + r1.skipped.length).toBe(all.length)
    expect(r2.sent.length + r2.skipped.length).toBe(all.length)
    const retry = await pushTips(options(a, send))
    expect(retry.sent).toEqual([])
    expect(retry.skipped.sort()).toEqual([...all].sort())
    expect(calls).toHaveLength(all.length)
  })

  it('sends each chat its tip for the local date with the 了解更多 button', async () => {
    const s = store()
    await seed(s, ['oc_a'])
    const { calls, send } = recorder()
    const result = await pushTips(options(s, send))
    expect(result.date).toBe(DATE)
    const tip = tipForDate(knowledge.tips, DATE, 'oc_a')
    expect(result.planned).toEqual([{ platform: 'feishu', chatId: 'oc_a', tipId: tip.id, to: 'feishu chat' }])
    expect(calls[0]!.reply.kind).toBe('tip')
    expect(calls[0]!.reply.title).toBe('今日小红书运营tip · 11月24日')
    expect(calls[0]!.reply.blocks).toEqual([{ kind: 'markdown', text: tip.text }])
    expect(calls[0]!.reply.buttons[0]?.action).toEqual({ type: 'ask', intent: tip.intent })
    expect(await keysUnder(prefix)).toContain(tipClaimKey('feishu', 'oc_a', DATE))
  })

  it('sends nothing to unsubscribed chats', async () => {
    const s = store()
    await seed(s, ['oc_keep', 'oc_left'])
    await unsubscribe(s, 'feishu', 'oc_left')
    const { calls, send } = recorder()
    await pushTips(options(s, send))
    expect(calls.map((c) => c.chatId)).toEqual(['oc_keep'])
  })

  it('keeps going when one chat fails, and releases its claim so a retry can send it', async () => {
    const s = store()
    await seed(s, ['oc_1', 'oc_bad', 'oc_3'])
    let broken = true
    const { calls, send } = recorder((sub) => {
      if (sub.chatId === 'oc_bad' && broken) throw new SendError('server error', 500, 'failed')
    })
    const first = await pushTips(options(s, send, { pace: { concurrency: 1, sleep: async () => {}, perSecond: 1000 } }))
    expect(first.sent.sort()).toEqual(['oc_1', 'oc_3'])
    expect(first.failed).toEqual([{ chatId: 'oc_bad', error: 'failed (500): server error' }])
    broken = false
    const retry = await pushTips(options(s, send))
    expect(retry.sent).toEqual(['oc_bad'])
    expect(calls.filter((c) => c.chatId === 'oc_1')).toHaveLength(1)
  })

  it('survives a sender that throws something other than a SendError', async () => {
    const s = store()
    await seed(s, ['oc_1', 'oc_2'])
    const { send } = recorder((sub) => { if (sub.chatId === 'oc_1') throw new TypeError('boom') })
    const result = await pushTips(options(s, send))
    expect(result.sent).toEqual(['oc_2'])
    expect(result.failed).toEqual([{ chatId: 'oc_1', error: 'boom' }])
  })

  it('waits the retry-after of a rate-limited send and tries again', async () => {
    const s = store()
    await seed(s, ['oc_busy'])
    const waits: number[] = []
    const { calls, send } = recorder((_sub, call) => {
      if (call < 3) throw new SendError('too many', 99991400, 'rate-limited', 1500)
    })
    const result = await pushTips(options(s, send, { pace: { perSecond: Infinity, sleep: async (ms) => { waits.push(ms) } } }))
    expect(result.sent).toEqual(['oc_busy'])
    expect(calls).toHaveLength(3)
    expect(waits).toEqual([1500, 1500])
  })

  it('gives up after three rate-limited tries, bounds the wait, and leaves the chat for a retry', async () => {
    const s = store()
    await seed(s, ['oc_busy'])
    const waits: number[] = []
    const { calls, send } = recorder(() => { throw new SendError('slow down', 45009, 'rate-limited', 600_000) })
    const result = await pushTips(options(s, send, { pace: { perSecond: Infinity, maxRetryWaitMs: 5000, sleep: async (ms) => { waits.push(ms) } } }))
    expect(calls).toHaveLength(3)
    expect(waits).toEqual([5000, 5000])
    expect(result.failed[0]!.chatId).toBe('oc_busy')
    expect(await keysUnder(prefix)).not.toContain(tipClaimKey('feishu', 'oc_busy', DATE))
  })

  it('unsubscribes a chat the bot was removed from and still serves the rest', async () => {
    const s = store()
    await seed(s, ['oc_gone', 'oc_ok'], ['wc_dead'])
    const { send } = recorder((sub) => {
      if (sub.chatId === 'oc_gone') throw new SendError('bot not in chat', 230002, 'gone')
      if (sub.chatId === 'wc_dead') throw new SendError('invalid webhook url', 93000, 'gone')
    })
    const result = await pushTips(options(s, send))
    expect(result.sent).toEqual(['oc_ok'])
    expect(result.failed.map((f) => f.chatId).sort()).toEqual(['oc_gone', 'wc_dead'])
    expect((await listSubscriptions(s)).map((x) => x.chatId)).toEqual(['oc_ok'])
    const { calls, send: send2 } = recorder()
    await pushTips(options(s, send2, { now: new Date('2026-11-25T01:00:00Z') }))
    expect(calls.map((c) => c.chatId)).toEqual(['oc_ok'])
  })

  it('in a dry run claims nothing, sends nothing and says what would go where', async () => {
    const s = store()
    await seed(s, ['oc_a'], ['wc_b'])
    const { calls, send } = recorder()
    const lines: string[] = []
    const result = await pushTips(options(s, send, { dryRun: true, log: (l) => lines.push(l) }))
    expect(calls).toEqual([])
    expect(result.sent).toEqual([])
    expect(result.planned.map((p) => [p.chatId, p.to])).toEqual([
      ['oc_a', 'feishu chat'],
      ['wc_b', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-wc…'],
    ])
    expect(await keysUnder(prefix)).toEqual([SUBSCRIPTIONS_KEY])
    expect(lines.at(-1)).toBe('tips 2026-11-24: sent 0, skipped 0, failed 0 (dry run: would send 2)')
  })

  it('logs a one-line summary', async () => {
    const s = store()
    await seed(s, ['oc_1', 'oc_2', 'oc_3'])
    await pushTips(options(s, recorder().send, { log: () => {} }))
    const lines: string[] = []
    const { send } = recorder()
    await subscribe(s, { platform: 'feishu', chatId: 'oc_4', since: NOW.toISOString() })
    await pushTips(options(s, send, { log: (l) => lines.push(l) }))
    expect(lines.at(-1)).toBe('tips 2026-11-24: sent 1, skipped 3, failed 0')
  })
})

describe('pushTips pacing', () => {
  it('spaces send starts by the configured rate and each WeCom robot by its gap', async () => {
    const s = store()
    await seed(s, ['oc_1', 'oc_2', 'oc_3'])
    await subscribe(s, { platform: 'wecom', chatId: 'wc_x', webhookUrl: hook('shared'), since: NOW.toISOString() })
    await subscribe(s, { platform: 'wecom', chatId: 'wc_y', webhookUrl: hook('shared'), since: NOW.toISOString() })
    let clock = 0
    const starts: { chatId: string; at: number }[] = []
    const send = async (sub: Subscription) => { starts.push({ chatId: sub.chatId, at: clock }) }
    await pushTips(options(s, send, {
      pace: { perSecond: 10, perRobotGapMs: 3000, concurrency: 1, clock: () => clock, sleep: async (ms) => { clock += ms } },
    }))
    const at = starts.map((x) => x.at)
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(100)
    const wecom = starts.filter((x) => x.chatId.startsWith('wc_')).map((x) => x.at)
    expect(wecom[1]! - wecom[0]!).toBeGreaterThanOrEqual(3000)
  })
})
