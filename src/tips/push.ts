import type { Knowledge } from '../knowledge/knowledge'
import type { Platform } from '../bot/message'
import type { Reply } from '../bot/reply'
import { SendError } from '../bot/send-error'
import { listSubscriptions, maskWebhookUrl, unsubscribe } from './subscriptions'
import type { Subscription } from './subscriptions'
import { tipReply } from './card'
import { localDate, tipForDate } from './schedule'
import { claimTip, markTipSent, releaseTip, tipClaimed } from '../store/keys'
import type { Store } from '../store/store'

export interface PushPace {
  /** Sends started per second over all chats. Feishu allows 50/s per app and 5/s per chat; 20 leaves headroom. */
  perSecond?: number
  /** Sends in flight at once. */
  concurrency?: number
  /** Minimum gap between two sends through the same WeCom robot (20 messages/minute per robot → 3000 ms). */
  perRobotGapMs?: number
  /** Tries per chat when the platform says 'rate-limited' (the first try included). */
  maxTries?: number
  /** Cap on a platform's retry-after, so one chat cannot stall the run. */
  maxRetryWaitMs?: number
  sleep?: (ms: number) => Promise<void>
  clock?: () => number
}

export interface PushTipsOptions {
  store: Store
  knowledge: Pick<Knowledge, 'tips' | 'source'>
  now: Date
  /** IANA zone of the community (TZ_NAME): decides which date "today" is. */
  timeZone: string
  /** Delivers one reply to one subscribed chat; throws SendError to say how it failed. */
  send: (sub: Subscription, reply: Reply) => Promise<void>
  /** Claims nothing and sends nothing; `planned` says what would go where. */
  dryRun?: boolean
  log?: (line: string) => void
  pace?: PushPace
}

export interface PlannedTip {
  platform: Platform
  chatId: string
  tipId: string
  /** Where it goes: 'feishu chat' or the WeCom webhook with its key masked. */
  to: string
}

export interface PushTipsResult {
  date: string
  sent: string[]
  skipped: string[]
  failed: { chatId: string; error: string }[]
  /** Every chat the run meant to send to (in a dry run: would send to), with its tip. */
  planned: PlannedTip[]
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Spaces send starts: at most `perSecond` overall and one per `perRobotGapMs` through each WeCom robot. */
function makePacer(pace: Required<Pick<PushPace, 'perSecond' | 'perRobotGapMs' | 'sleep' | 'clock'>>) {
  const interval = 1000 / pace.perSecond
  let nextSlot = 0
  const robotNext = new Map<string, number>()
  return async (robot?: string) => {
    const now = pace.clock()
    let at = Math.max(now, nextSlot)
    if (robot) at = Math.max(at, robotNext.get(robot) ?? 0)
    nextSlot = at + interval
    if (robot) robotNext.set(robot, at + pace.perRobotGapMs)
    if (at > now) await pace.sleep(at - now)
  }
}

function describe(err: unknown): string {
  if (err instanceof SendError) return `${err.kind} (${err.code}): ${err.message}`
  return err instanceof Error ? err.message : String(err)
}

/**
 * The daily push, shared by the Workers cron, the Node scheduler and `cli push-tips`.
 *
 * Exactly once per chat and local date: before sending, the run claims `tip:<platform>:<chat>:<date>` (SET NX), so a
 * second run started at the same time, or a retry of the cron, skips chats already claimed. The claim is short while
 * the send is in flight and extended to 48 h once it succeeds. On a transient failure the claim is released so a
 * retry can send. Trade-off: a send that reached the group but still reported an error (say a timeout after
 * delivery) can be posted twice by that retry; keeping the claim instead would risk a silent missing day. A 'gone'
 * chat keeps its claim and is unsubscribed.
 */
export async function pushTips(opts: PushTipsOptions): Promise<PushTipsResult> {
  const { store, knowledge, send, dryRun = false } = opts
  const log = opts.log ?? ((line: string) => console.log(line))
  const pace = {
    perSecond: opts.pace?.perSecond ?? 20,
    concurrency: Math.max(1, opts.pace?.concurrency ?? 4),
    perRobotGapMs: opts.pace?.perRobotGapMs ?? 3000,
    maxTries: Math.max(1, opts.pace?.maxTries ?? 3),
    maxRetryWaitMs: opts.pace?.maxRetryWaitMs ?? 30_000,
    sleep: opts.pace?.sleep ?? realSleep,
    clock: opts.pace?.clock ?? Date.now,
  }
  const paceSend = makePacer(pace)
  const date = localDate(opts.now, opts.timeZone)
  const result: PushTipsResult = { date, sent: [], skipped: [], failed: [], planned: [] }

  const pushOne = async (sub: Subscription): Promise<void> => {
    const tip = tipForDate(knowledge.tips, date, sub.chatId)
    if (sub.platform === 'wecom' && !sub.webhookUrl) {
      log(`tips ${date}: skip wecom ${sub.chatId}: no group robot webhook stored`)
      result.skipped.push(sub.chatId)
      return
    }
    const to = sub.webhookUrl ? maskWebhookUrl(sub.webhookUrl) : `${sub.platform} chat`
    if (dryRun) {
      if (await tipClaimed(store, sub.platform, sub.chatId, date)) {
        result.skipped.push(sub.chatId)
        log(`tips ${date}: ${sub.platform} ${sub.chatId} already has today's tip`)
        return
      }
      result.planned.push({ platform: sub.platform, chatId: sub.chatId, tipId: tip.id, to })
      log(`tips ${date}: would send ${tip.id} to ${sub.platform} ${sub.chatId} (${to})`)
      return
    }
    if (!(await claimTip(store, sub.platform, sub.chatId, date))) {
      result.skipped.push(sub.chatId)
      return
    }
    result.planned.push({ platform: sub.platform, chatId: sub.chatId, tipId: tip.id, to })
    const reply = tipReply(knowledge, tip, date)
    for (let attempt = 1; ; attempt++) {
      try {
        await paceSend(sub.platform === 'wecom' ? sub.webhookUrl : undefined)
        await send(sub, reply)
      } catch (err) {
        if (err instanceof SendError && err.kind === 'rate-limited' && attempt < pace.maxTries) {
          const wait = Math.min(Math.max(err.retryAfterMs ?? 1000, 0), pace.maxRetryWaitMs)
          log(`tips ${date}: ${sub.platform} ${sub.chatId} rate-limited, retry ${attempt + 1}/${pace.maxTries} in ${wait} ms`)
          await pace.sleep(wait)
          continue
        }
        if (err instanceof SendError && err.kind === 'gone') {
          log(`tips ${date}: ${sub.platform} ${sub.chatId} is gone (${err.code}), unsubscribing`)
          await unsubscribe(store, sub.platform, sub.chatId)
          result.failed.push({ chatId: sub.chatId, error: `gone, unsubscribed: ${describe(err)}` })
          return
        }
        log(`tips ${date}: ${sub.platform} ${sub.chatId} failed: ${describe(err)}`)
        await releaseTip(store, sub.platform, sub.chatId, date)
        result.failed.push({ chatId: sub.chatId, error: describe(err) })
        return
      }
      result.sent.push(sub.chatId)
      try {
        await markTipSent(store, sub.platform, sub.chatId, date)
      } catch (err) {
        log(`tips ${date}: ${sub.platform} ${sub.chatId} sent, but marking it failed: ${describe(err)}`)
      }
      return
    }
  }

  const subs = await listSubscriptions(store)
  let next = 0
  const worker = async () => {
    while (next < subs.length) {
      const sub = subs[next++]!
      try {
        await pushOne(sub)
      } catch (err) {
        // A store hiccup on one chat must not stop the others.
        log(`tips ${date}: ${sub.platform} ${sub.chatId} error: ${describe(err)}`)
        result.failed.push({ chatId: sub.chatId, error: describe(err) })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(pace.concurrency, subs.length) }, worker))

  const would = dryRun ? ` (dry run: would send ${result.planned.length})` : ''
  log(`tips ${date}: sent ${result.sent.length}, skipped ${result.skipped.length}, failed ${result.failed.length}${would}`)
  return result
}
