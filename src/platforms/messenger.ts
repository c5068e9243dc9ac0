import type { Knowledge } from '../knowledge/knowledge'
import type { Platform } from '../bot/message'
import type { Reply } from '../bot/reply'
import { pushTips } from '../tips/push'
import type { Subscription } from '../tips/subscriptions'
import { localDate } from '../tips/schedule'
import type { Store } from '../store/store'
import type { FeishuApi } from './feishu/client'
import { feishuMessenger } from './feishu/messenger'
import { realClock, tryUntil, type Clock } from './retry'
import { deliveryTiming, type DeliveryTiming } from './timing'
import { wecomMessenger } from './wecom/messenger'

/** Where the answer to one inbound message goes; built by the webhook that received the message. */
export interface ReplyTarget {
  platform: Platform
  /** The message being answered (Feishu message_id or card event, WeCom msgid): the outbox id and the log key. */
  messageId: string
  /** Where the platform takes the answer: the Feishu message to reply to, or the WeCom callback's response_url. */
  address: string
  /** Sent with every try so a repeated send is a no-op on the platform (Feishu's reply uuid, one hour). */
  idempotencyKey: string
  chatType: 'group' | 'p2p'
}

/** One platform's way of sending a neutral Reply. One attempt per call; failures throw SendError. */
export interface Messenger {
  /** Answers one inbound message. */
  reply(target: ReplyTarget, reply: Reply, signal?: AbortSignal): Promise<void>
  /** Posts to a subscribed chat unprompted (the daily tip); `key` makes a repeated post a no-op where the platform allows. */
  post(sub: Subscription, reply: Reply, key: string, signal?: AbortSignal): Promise<void>
}

export type Messengers = Record<Platform, Messenger>

export interface MessengerOptions {
  feishuApi: FeishuApi | null
  /** WECOM_API_BASE: the one origin besides qyapi.weixin.qq.com that WeCom replies are posted to. */
  wecomApiBase?: string
  fetch?: typeof fetch
  /** Upper bound on one WeCom call; the Feishu client carries its own. */
  timeoutMs?: number
}

export function createMessengers(opts: MessengerOptions): Messengers {
  return {
    feishu: feishuMessenger(opts.feishuApi),
    wecom: wecomMessenger({ fetch: opts.fetch, apiBase: opts.wecomApiBase, timeoutMs: opts.timeoutMs }),
  }
}

/** The settings a push reads: the community's time zone (which day's tip) and WECOM_API_BASE. */
type PushSettings = { TZ_NAME: string; WECOM_API_BASE?: string }

export interface TipPushOptions {
  config: PushSettings
  store: Store
  knowledge: Knowledge
  feishuApi: FeishuApi | null
  fetch?: typeof fetch
  now?: Date
  dryRun?: boolean
  log?: (message: string) => void
  timing?: DeliveryTiming
  clock?: Clock
}

/**
 * Delivers one tip through the chat's platform, retrying what a retry can cure within the reply retry budget.
 * The key makes a repeated send of the same day's tip a no-op on Feishu; WeCom's group webhook has no such key,
 * so a post that arrived but timed out on the way back is posted again.
 */
export function createTipSender(opts: { config: PushSettings; feishuApi: FeishuApi | null; fetch?: typeof fetch; now?: Date; timing?: DeliveryTiming; clock?: Clock }) {
  const timing = opts.timing ?? deliveryTiming()
  const clock = opts.clock ?? realClock
  const messengers = createMessengers({ feishuApi: opts.feishuApi, wecomApiBase: opts.config.WECOM_API_BASE, fetch: opts.fetch, timeoutMs: timing.attemptTimeoutMs })
  const date = localDate(opts.now ?? new Date(), opts.config.TZ_NAME)
  return async (sub: Subscription, reply: Reply): Promise<void> => {
    const key = `tip-${date}-${sub.chatId}`
    const result = await tryUntil((signal) => messengers[sub.platform].post(sub, reply, key, signal), { deadline: clock.now() + timing.retryBudgetMs, timing, clock })
    if (!result.ok) throw result.error
  }
}

/** The daily push with the platform senders plugged in; the Workers cron, the Node scheduler and the CLI all call this. */
export function runTipPush(opts: TipPushOptions) {
  const now = opts.now ?? new Date()
  return pushTips({
    store: opts.store,
    knowledge: opts.knowledge,
    now,
    timeZone: opts.config.TZ_NAME,
    send: createTipSender({ ...opts, now }),
    dryRun: opts.dryRun,
    log: opts.log,
  })
}
