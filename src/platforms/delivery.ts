import type { InboundMessage } from '../bot/message'
import type { Reply } from '../bot/reply'
import { OUTBOX_MAX_ENTRIES } from '../store/keys'
import { FailoverStore, storeIsShared } from '../store/failover'
import type { Store } from '../store/store'
import type { Messengers, ReplyTarget } from './messenger'
import { Outbox, outboxId, type ListedEntry, type OutboxEntry, type OutboxMirror } from './outbox'
import { tryUntil, type Clock } from './retry'
import type { DeliveryTiming } from './timing'

export interface DeliveryDeps {
  store: Store
  messengers: Messengers
  /** Produces the answer for an outbox entry whose answer was never produced. */
  dispatch: (msg: InboundMessage) => Promise<Reply | null>
  timing: DeliveryTiming
  clock: Clock
  log: (message: string) => void
  /** Aborted at shutdown: retries stop at once and what is unsent waits in the outbox. */
  stop?: AbortSignal
  /** This process's copy of the outbox entries it wrote (see OutboxMirror). */
  mirror?: OutboxMirror
}

/**
 * Sends the answer to one inbound message: `pending` when the webhook already started dispatch, otherwise
 * dispatch(msg). Never rejects.
 */
export type Deliver = (target: ReplyTarget, msg: InboundMessage, pending?: Promise<Reply | null>) => Promise<void>

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * The reply path after the ack. The message is written to the outbox first, so a crash or a shutdown part-way
 * leaves it there, not lost; then the answer is tried (timeouts, backoff with jitter, the same idempotency key
 * every time) for as long as the request's background time allows; what is still unsent stays in the outbox
 * for drainOutbox, until it is sent or its window closes.
 */
export function createDelivery(deps: DeliveryDeps): Deliver {
  const outbox = new Outbox(deps.store, deps.mirror)
  const { timing, clock } = deps
  return async (target, msg, pending) => {
    const now = clock.now()
    const { raw: _raw, ...bare } = msg
    const entry: OutboxEntry = {
      target,
      msg: bare,
      createdAt: now,
      closesAt: now + timing.outboxWindowMs,
      // The drain leaves the entry alone while this request may still be on it.
      nextAt: now + timing.answerInResponseMs + timing.retryBudgetMs + timing.attemptTimeoutMs,
      attempts: 0,
    }
    await outbox.put(entry).catch((e: unknown) => deps.log(`outbox: could not record ${outboxId(target)}: ${errorText(e)}`))
    let reply: Reply | null
    try {
      reply = await (pending ?? deps.dispatch(msg))
    } catch (e) {
      deps.log(`${target.platform} ${target.messageId}: producing the reply failed (${errorText(e)}); the outbox will try again`)
      return
    }
    if (!reply) {
      await outbox.remove(outboxId(target)).catch(() => {})
      return
    }
    await sendOrKeep({ ...entry, reply }, now + timing.retryBudgetMs, deps, outbox)
  }
}

type Outcome = 'sent' | 'kept' | 'given-up'

/** Tries until `deadline`; then the entry is removed (sent, or refused for good) or written back for later. */
async function sendOrKeep(entry: OutboxEntry & { reply: Reply }, deadline: number, deps: DeliveryDeps, outbox: Outbox, markFinished = false): Promise<Outcome> {
  const id = outboxId(entry.target)
  const messenger = deps.messengers[entry.target.platform]
  const result = await tryUntil((signal) => messenger.reply(entry.target, entry.reply, signal), {
    deadline: Math.min(deadline, entry.closesAt),
    timing: deps.timing,
    clock: deps.clock,
    stop: deps.stop,
  })
  const attempts = entry.attempts + result.attempts
  try {
    if (result.ok) {
      if (markFinished) await outbox.finish(id, entry.closesAt, deps.clock.now())
      await outbox.remove(id)
      return 'sent'
    }
    const why = errorText(result.error)
    if (result.retryAt === undefined || result.retryAt >= entry.closesAt) {
      await giveUp(entry, attempts, why, deps, outbox)
      return 'given-up'
    }
    if (entry.attempts === 0) await outbox.count('queued', deps.clock.now())
    await outbox.put({ ...entry, attempts, nextAt: result.retryAt, lastError: why })
    return 'kept'
  } catch (e) {
    deps.log(`outbox: could not update ${id}: ${errorText(e)}`)
    return result.ok ? 'sent' : 'kept'
  }
}

async function giveUp(entry: OutboxEntry, attempts: number, why: string, deps: DeliveryDeps, outbox: Outbox): Promise<void> {
  deps.log(`reply given up: ${entry.target.platform} message ${entry.target.messageId} after ${attempts} attempt(s): ${why}`)
  const id = outboxId(entry.target)
  // Marked finished before it leaves the store, so no other process writes its own copy back in between.
  await outbox.finish(id, entry.closesAt, deps.clock.now())
  await outbox.remove(id)
  await outbox.count('given-up', deps.clock.now())
}

export interface DrainReport {
  /** Entries in the outbox when the run started. */
  pending: number
  /** Entries only this process held (kept in memory during an outage) that it wrote to the shared store. */
  shared: number
  sent: number
  kept: number
  givenUp: number
}

const shareFailed = (deps: DeliveryDeps) => (e: unknown): string[] => {
  deps.log(`outbox: could not write this process's copies to Redis: ${errorText(e)}`)
  return []
}

/**
 * Sends what the outbox holds and is due: the Node process runs this on a timer, Workers on the per-minute cron.
 * Several instances may drain at once; a lease per entry keeps them from working on the same one.
 */
export async function drainOutbox(deps: DeliveryDeps, opts: { concurrency?: number; maxEntries?: number } = {}): Promise<DrainReport> {
  const outbox = new Outbox(deps.store, deps.mirror)
  const { clock, timing } = deps
  const all = (await outbox.entries()).sort((a, b) => b.createdAt - a.createdAt)
  // Entries only this process holds go back into the shared store first, so they outlive this process.
  const shared = new Set(await outbox.share(all.filter((e) => e.mirrorOnly)).catch(shareFailed(deps)))
  for (const e of all) if (shared.has(outboxId(e.target))) e.mirrorOnly = false
  const report: DrainReport = { pending: all.length, shared: shared.size, sent: 0, kept: 0, givenUp: 0 }
  // Past the bound, the oldest are given up: they had the least time left anyway.
  for (const { mirrorOnly: _, ...stale } of all.slice(OUTBOX_MAX_ENTRIES)) {
    await giveUp(stale, stale.attempts, `the outbox holds more than ${OUTBOX_MAX_ENTRIES} replies`, deps, outbox).catch(() => {})
    report.givenUp++
  }
  const entries = all.slice(0, OUTBOX_MAX_ENTRIES)
  const start = clock.now()
  const due = entries.filter((e) => e.nextAt <= start).sort((a, b) => a.nextAt - b.nextAt).slice(0, opts.maxEntries ?? 500)
  const leaseSeconds = (timing.retryBudgetMs + 2 * timing.attemptTimeoutMs) / 1000

  const one = async ({ mirrorOnly: _, ...entry }: ListedEntry): Promise<Outcome | null> => {
    const id = outboxId(entry.target)
    if (clock.now() >= entry.closesAt) {
      await giveUp(entry, entry.attempts, `its window closed (${entry.lastError ?? 'no answer produced'})`, deps, outbox)
      return 'given-up'
    }
    if (!(await outbox.lease(id, leaseSeconds))) return null
    try {
      // Any entry, not only this process's copies: a copy written back after a drain elsewhere finished it (between
      // share()'s check and its write, or from memory kept in an earlier outage) must not be sent twice.
      if (await outbox.finished(id)) {
        await outbox.remove(id)
        return null
      }
      let reply = entry.reply ?? null
      if (!reply && entry.msg) reply = await deps.dispatch(entry.msg as InboundMessage)
      if (!reply) {
        await outbox.remove(id)
        return null
      }
      const outcome = await sendOrKeep({ ...entry, reply }, clock.now() + timing.retryBudgetMs, deps, outbox, true)
      if (outcome === 'sent') await outbox.count('sent-late', clock.now())
      return outcome
    } finally {
      await outbox.release(id).catch(() => {})
    }
  }

  let next = 0
  const worker = async () => {
    while (next < due.length && !deps.stop?.aborted) {
      const entry = due[next++]!
      const outcome = await one(entry).catch((e: unknown) => {
        deps.log(`outbox: ${outboxId(entry.target)}: ${errorText(e)}`)
        return null
      })
      if (outcome === 'sent') report.sent++
      else if (outcome === 'kept') report.kept++
      else if (outcome === 'given-up') report.givenUp++
    }
  }
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, due.length) }, worker))
  return report
}

/**
 * At shutdown, after the replies in flight were given their time: every entry this process still holds only in
 * its own copy is written to the shared store, for the next start or another instance to send. One line names
 * each reply that cannot be handed over because Redis is unavailable right now (it is lost with the process).
 */
export async function handOffOutbox(deps: DeliveryDeps): Promise<{ handedOver: number; lost: number }> {
  const outbox = new Outbox(deps.store, deps.mirror)
  if (deps.store instanceof FailoverStore && deps.store.degraded) await deps.store.recheck()
  // Listed before deciding: a listing that meets an outage falls back to memory, where entries kept in an earlier
  // outage look stored; then the store is not shared and every copy of this process's is at stake.
  const listed = await outbox.entries()
  const mine = storeIsShared(deps.store) ? listed.filter((e) => e.mirrorOnly) : [...(deps.mirror?.entries.values() ?? [])]
  const written = new Set(await outbox.share(mine).catch(shareFailed(deps)))
  let lost = 0
  for (const e of mine) {
    const id = outboxId(e.target)
    if (written.has(id) || !deps.mirror?.entries.has(id)) continue
    lost++
    deps.log(`reply not handed over at shutdown: ${e.target.platform} message ${e.target.messageId}: Redis is unavailable, so it is lost with this process`)
  }
  return { handedOver: written.size, lost }
}
