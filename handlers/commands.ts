import { wordedForChat } from './chat-words'
import type { Handler, HandlerContext } from '../src/bot/handler'
import type { Platform } from '../src/bot/message'
import type { Reply, ReplyTone } from '../src/bot/reply'
import {
  getSubscription,
  maskWebhookUrl,
  subscribe,
  unsubscribe,
  wecomWebhookProblem,
} from '../src/tips/subscriptions'
import type { Subscription, SubscriptionOptions } from '../src/tips/subscriptions'
import { todaysTipReply } from './daily-tip'

export type Command = { name: 'subscribe'; arg?: string } | { name: 'unsubscribe' } | { name: 'tip' }

// Whole-message patterns only: "订阅号怎么做" or "怎么取消订阅会员" are questions for the ask handler, not commands.
const SUBSCRIBE = [
  /^\/\s*订阅(?:\s+(\S+))?$/,
  /^订阅(?:\s+(https?:\/\/\S+))?$/i,
  /^\/?\s*订阅\s*(?:每日|每天)?\s*(?:推送|tip|小贴士)(?:\s+(\S+))?$/i,
]
const UNSUBSCRIBE = /^\/?\s*(?:退订|取消订阅|取消推送)\s*(?:每日|每天)?\s*(?:推送|tip|小贴士)?$/i
const TIP = /^\/?\s*(?:(?:今日|今天|每日)\s*(?:的)?\s*)?(?:tip|小贴士)$/i

/** Recognises a command in typed text (full-width slash, letters and spaces tolerated), or null. */
export function parseCommand(text: string): Command | null {
  const t = text.normalize('NFKC').trim().replace(/\s+/g, ' ').replace(/[!。~～]+$/, '').trim()
  if (!t) return null
  for (const re of SUBSCRIBE) {
    const m = re.exec(t)
    if (m) return m[1] ? { name: 'subscribe', arg: m[1] } : { name: 'subscribe' }
  }
  if (UNSUBSCRIBE.test(t)) return { name: 'unsubscribe' }
  if (TIP.test(t)) return { name: 'tip' }
  return null
}

function notice(title: string, text: string, tone: ReplyTone = 'blue', withTipButton = false): Reply {
  return {
    kind: 'notice',
    title,
    tone,
    blocks: [{ kind: 'markdown', text }],
    buttons: withTipButton ? [{ label: '看看今天的tip', action: { type: 'command', command: '/tip' } }] : [],
  }
}

// isAdmin is false only when ADMIN_IDS is set and does not list the sender: say what would change that.
const refusal = (senderId: string) =>
  notice('需要管理员操作', `订阅和退订每日tip只有 ADMIN_IDS 里的管理员可以操作。你的 id 是 \`${senderId}\`（也可以发送 /我的ID 查看），需要的话请部署机器人的人把它加进 ADMIN_IDS。`, 'grey')

const WECOM_HOWTO = [
  '企业微信群需要一个「群机器人」地址，我才能每天早上把tip发进群：',
  '1. 群聊右上角「…」→「消息推送」（旧版叫「群机器人」）→ 添加一个机器人',
  '2. 复制它的 Webhook 地址',
  '3. 在群里发送：`/订阅 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`',
].join('\n')

async function handleSubscribe(ctx: HandlerContext, arg: string | undefined, opts: SubscriptionOptions): Promise<Reply> {
  if (!ctx.isAdmin) return refusal(ctx.msg.senderId)
  const { platform, chatId } = ctx.msg
  const existing = await getSubscription(ctx.store, platform, chatId)
  if (platform === 'wecom') {
    if (!arg) {
      return existing?.webhookUrl
        ? notice('本群已订阅', '本群已经订阅了每日tip，每天早上推送。要换群机器人地址，发送「/订阅 新地址」即可。', 'green')
        : notice('还差一步：群机器人地址', WECOM_HOWTO, 'orange')
    }
    const problem = wecomWebhookProblem(arg, opts)
    if (problem) {
      return notice('这个地址用不了', `${problem}。请复制群机器人的 Webhook 地址，形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`, 'orange')
    }
  }
  const sub: Subscription = {
    platform,
    chatId,
    since: existing?.since ?? ctx.now.toISOString(),
    ...(platform === 'wecom' && arg ? { webhookUrl: arg } : {}),
  }
  await subscribe(ctx.store, sub, opts)
  const via = sub.webhookUrl ? `\n推送地址：${maskWebhookUrl(sub.webhookUrl)}` : ''
  if (existing && !sub.webhookUrl) {
    return notice('本群已订阅', '本群已经订阅了每日tip，每天早上会收到一条小红书运营tip。发送「/退订」可以取消。', 'green', true)
  }
  return notice(
    existing ? '已更新订阅' : '订阅成功',
    `本群每天早上会收到一条小红书运营tip，内容来自一篇 2024 年的运营趋势文章。${via}\n发送「/退订」可以随时取消，发送「/tip」先看看今天的。`,
    'green',
    true,
  )
}

async function handleUnsubscribe(ctx: HandlerContext): Promise<Reply> {
  if (!ctx.isAdmin) return refusal(ctx.msg.senderId)
  const removed = await unsubscribe(ctx.store, ctx.msg.platform, ctx.msg.chatId)
  return removed
    ? notice('已退订', '本群不会再收到每日tip了。想恢复时发送「/订阅」即可。', 'grey')
    : notice('本群还没有订阅', '本群目前没有订阅每日tip。想每天收到一条运营tip，请管理员发送「/订阅」。', 'grey')
}

/** /订阅, /退订 and /tip (and their plain-word forms). `wecomApiBase` = WECOM_API_BASE, accepted as webhook host. */
export function createCommandsHandler(opts: SubscriptionOptions = {}): Handler {
  return async (ctx) => {
    const { msg } = ctx
    const typed = msg.action ? (msg.action.type === 'command' ? msg.action.command : '') : msg.text
    const command = parseCommand(typed)
    if (!command) return null
    switch (command.name) {
      case 'subscribe':
        return wordedForChat(ctx, await handleSubscribe(ctx, command.arg, opts))
      case 'unsubscribe':
        return wordedForChat(ctx, await handleUnsubscribe(ctx))
      case 'tip':
        return todaysTipReply(ctx.knowledge, ctx.now, ctx.timeZone, msg.chatId)
    }
  }
}

export const commandsHandler: Handler = createCommandsHandler()

/**
 * Feishu im.chat.member.bot.added_v1: subscribe the group when auto-subscribe is on (TIP_AUTO_SUBSCRIBE, default on).
 * WeCom has no such event, and needs a webhook anyway, so this only subscribes Feishu chats.
 */
export async function onBotAdded(
  store: HandlerContext['store'],
  platform: Platform,
  chatId: string,
  autoSubscribe: boolean,
  now: Date = new Date(),
): Promise<Subscription | null> {
  if (!autoSubscribe || platform !== 'feishu') return null
  const existing = await getSubscription(store, platform, chatId)
  if (existing) return existing
  return subscribe(store, { platform, chatId, since: now.toISOString() })
}

/** Feishu im.chat.member.bot.deleted_v1: stop pushing to a group the bot has left. */
export async function onBotRemoved(store: HandlerContext['store'], platform: Platform, chatId: string): Promise<boolean> {
  return unsubscribe(store, platform, chatId)
}
