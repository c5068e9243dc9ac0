// Tips and subscriptions for the console: the coming days' tips for a chat (the same pure schedule the push uses)
// and the subscription list, where WeCom group-webhook subscriptions are added and any subscription removed.
import * as z from 'zod'
import type { Knowledge } from '../knowledge/knowledge'
import { addDays, localDate, tipForDate } from '../tips/schedule'
import { listSubscriptions, maskWebhookUrl, subscribe, unsubscribe, wecomWebhookProblem } from '../tips/subscriptions'
import type { Store } from '../store/store'

export const SCHEDULE_DAYS = 14

export interface ScheduledTip {
  date: string
  id: string
  text: string
  section: string
  intent: string | null
  topic: string | null
}

/** The tips `chatId` gets on `days` consecutive local dates from today (TZ_NAME). No chat: the community default. */
export function upcomingTips(knowledge: Knowledge, now: Date, timeZone: string, chatId?: string, days = SCHEDULE_DAYS): ScheduledTip[] {
  const today = localDate(now, timeZone)
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(today, i)
    const tip = tipForDate(knowledge.tips, date, chatId || undefined)
    return {
      date,
      id: tip.id,
      text: tip.text,
      section: tip.section,
      intent: tip.intent,
      topic: tip.intent ? (knowledge.byId.get(tip.intent)?.title ?? null) : null,
    }
  })
}

export interface ShownSubscription {
  platform: 'feishu' | 'wecom'
  chatId: string
  since: string
  /** The group webhook with its key masked: the key alone lets anyone post into the group. */
  webhook: string | null
}

export async function shownSubscriptions(store: Store): Promise<ShownSubscription[]> {
  return (await listSubscriptions(store)).map((s) => ({
    platform: s.platform,
    chatId: s.chatId,
    since: s.since,
    webhook: s.webhookUrl ? maskWebhookUrl(s.webhookUrl) : null,
  }))
}

const chatId = z.string().trim().min(1, 'chatId is empty').max(128)

export const AddWecomBodySchema = z.object({ chatId, webhookUrl: z.string().trim().min(1, 'webhookUrl is empty').max(1000) })
export const RemoveBodySchema = z.object({ platform: z.enum(['feishu', 'wecom']), chatId })

/** Subscribes a WeCom group through its robot webhook, checked as /订阅 checks it; returns the problem when refused. */
export async function addWecomSubscription(
  store: Store,
  body: z.infer<typeof AddWecomBodySchema>,
  now: Date,
  wecomApiBase?: string,
): Promise<{ ok: true; subscription: ShownSubscription } | { ok: false; error: string }> {
  const problem = wecomWebhookProblem(body.webhookUrl, { wecomApiBase })
  if (problem) return { ok: false, error: `webhookUrl: ${problem}` }
  const existing = (await listSubscriptions(store)).find((s) => s.platform === 'wecom' && s.chatId === body.chatId)
  const sub = await subscribe(
    store,
    { platform: 'wecom', chatId: body.chatId, webhookUrl: body.webhookUrl, since: existing?.since ?? now.toISOString() },
    { wecomApiBase },
  )
  return { ok: true, subscription: { platform: 'wecom', chatId: sub.chatId, since: sub.since, webhook: maskWebhookUrl(sub.webhookUrl!) } }
}

export async function removeSubscription(store: Store, body: z.infer<typeof RemoveBodySchema>): Promise<boolean> {
  return unsubscribe(store, body.platform, body.chatId)
}
