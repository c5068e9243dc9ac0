import type { Knowledge } from '../knowledge/knowledge'
import { pushTips } from '../tips/push'
import type { Reply } from '../bot/reply'
import { SendError } from '../bot/send-error'
import type { Subscription } from '../tips/subscriptions'
import { localDate } from '../tips/schedule'
import { renderFeishuCard } from './feishu/card'
import type { FeishuApi } from './feishu/client'
import { sendGroupWebhook } from './wecom/client'
import type { Store } from '../store/store'

export interface TipPushOptions {
  /** Only the community's time zone is read (TZ_NAME), which decides the day of the tip. */
  config: { TZ_NAME: string }
  store: Store
  knowledge: Knowledge
  feishuApi: FeishuApi | null
  fetch?: typeof fetch
  now?: Date
  dryRun?: boolean
  log?: (message: string) => void
}

/** Delivers one tip card: Feishu through the Open API, WeCom through the group's robot webhook. */
export function createTipSender(opts: { config: { TZ_NAME: string }; feishuApi: FeishuApi | null; fetch?: typeof fetch; now?: Date }) {
  const date = localDate(opts.now ?? new Date(), opts.config.TZ_NAME)
  return async (sub: Subscription, reply: Reply): Promise<void> => {
    if (sub.platform === 'feishu') {
      if (!opts.feishuApi) throw new SendError('FEISHU_APP_ID and FEISHU_APP_SECRET are not set', 0, 'failed')
      // The uuid makes a retried send of the same day's tip a no-op on Feishu's side too.
      await opts.feishuApi.sendCard(sub.chatId, renderFeishuCard(reply), `tip-${date}-${sub.chatId}`)
      return
    }
    if (!sub.webhookUrl) throw new SendError(`WeCom chat ${sub.chatId} has no group webhook URL`, 0, 'gone')
    await sendGroupWebhook(sub.webhookUrl, reply, opts.fetch ?? fetch)
  }
}

/** The daily push with the platform senders plugged in; the Workers cron, the Node scheduler and the CLI all call this. */
export function runTipPush(opts: TipPushOptions) {
  const now = opts.now ?? new Date()
  const send = createTipSender({ ...opts, now })
  return pushTips({
    store: opts.store,
    knowledge: opts.knowledge,
    now,
    timeZone: opts.config.TZ_NAME,
    send,
    dryRun: opts.dryRun,
    log: opts.log,
  })
}
