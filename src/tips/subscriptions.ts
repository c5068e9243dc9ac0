import * as z from 'zod'
import type { Platform } from '../bot/message'
import { readSubscriptions, removeSubscription, writeSubscription } from '../store/keys'
import type { Store } from '../store/store'

/** A group that receives the daily tip. */
export interface Subscription {
  platform: Platform
  chatId: string
  /** WeCom group-robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…); required for wecom. */
  webhookUrl?: string
  /** ISO time the group subscribed. */
  since: string
}

const SubscriptionSchema = z.object({
  platform: z.enum(['feishu', 'wecom']),
  chatId: z.string().min(1),
  webhookUrl: z.string().optional(),
  since: z.string(),
})

const DEFAULT_WECOM_HOST = 'qyapi.weixin.qq.com'

export interface SubscriptionOptions {
  /** WECOM_API_BASE (e.g. a proxy origin); its host is accepted besides qyapi.weixin.qq.com. */
  wecomApiBase?: string
}

/** Why a WeCom webhook URL is unusable, or null when it is fine. */
export function wecomWebhookProblem(url: string, opts: SubscriptionOptions = {}): string | null {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return '这不是一个完整的网址'
  }
  const hosts = new Set([DEFAULT_WECOM_HOST])
  if (opts.wecomApiBase) {
    try {
      hosts.add(new URL(opts.wecomApiBase).host)
    } catch {
      // A malformed WECOM_API_BASE is reported by config at start-up; here it simply adds no host.
    }
  }
  if (parsed.protocol !== 'https:') return '地址必须以 https:// 开头'
  if (parsed.username || parsed.password || !hosts.has(parsed.host)) return `地址的域名应为 ${[...hosts].join(' 或 ')}`
  if (parsed.pathname !== '/cgi-bin/webhook/send') return '地址路径应为 /cgi-bin/webhook/send'
  if (!parsed.searchParams.get('key')) return '地址里缺少 key 参数'
  return null
}

/** The webhook URL with its key masked, for logs and replies: the key alone lets anyone post into the group. */
export function maskWebhookUrl(url: string): string {
  return url.replace(/([?&]key=)([^&]{0,4})[^&]*/, (_m, p: string, head: string) => `${p}${head}…`)
}

/**
 * One hash holds every subscription (`sub:all` in src/store/keys.ts; field `<platform>:<chatId>`, value JSON): a field
 * write is atomic and listing is a single HGETALL — the Store has no SCAN, and a hash needs no separate index to keep in step.
 */
function field(platform: Platform, chatId: string): string {
  return `${platform}:${chatId}`
}

/** Stores (or replaces) a subscription. Throws a readable error when a WeCom subscription has no usable webhook. */
export async function subscribe(store: Store, sub: Subscription, opts: SubscriptionOptions = {}): Promise<Subscription> {
  if (!sub.chatId) throw new Error('chatId is required')
  if (sub.platform === 'wecom') {
    if (!sub.webhookUrl) throw new Error('a WeCom subscription needs the group robot webhook URL')
    const problem = wecomWebhookProblem(sub.webhookUrl, opts)
    if (problem) throw new Error(`invalid WeCom webhook URL: ${problem}`)
  }
  const clean: Subscription = {
    platform: sub.platform,
    chatId: sub.chatId,
    since: sub.since,
    ...(sub.webhookUrl ? { webhookUrl: sub.webhookUrl.trim() } : {}),
  }
  await writeSubscription(store, field(sub.platform, sub.chatId), JSON.stringify(clean))
  return clean
}

export async function unsubscribe(store: Store, platform: Platform, chatId: string): Promise<boolean> {
  const was = await isSubscribed(store, platform, chatId)
  await removeSubscription(store, field(platform, chatId))
  return was
}

/** Every subscription, ordered by platform then chat id; entries that no longer parse are skipped. */
export async function listSubscriptions(store: Store): Promise<Subscription[]> {
  const all = await readSubscriptions(store)
  const subs: Subscription[] = []
  for (const value of Object.values(all)) {
    try {
      const parsed = SubscriptionSchema.safeParse(JSON.parse(value))
      if (parsed.success) subs.push(parsed.data)
    } catch {
      // A hand-edited or truncated entry must not stop the daily push for everyone else.
    }
  }
  return subs.sort((a, b) => field(a.platform, a.chatId).localeCompare(field(b.platform, b.chatId)))
}

export async function getSubscription(store: Store, platform: Platform, chatId: string): Promise<Subscription | null> {
  const subs = await listSubscriptions(store)
  return subs.find((s) => s.platform === platform && s.chatId === chatId) ?? null
}

export async function isSubscribed(store: Store, platform: Platform, chatId: string): Promise<boolean> {
  return (await getSubscription(store, platform, chatId)) !== null
}
