import type { InboundMessage } from '../bot/message'
import type { Reply } from '../bot/reply'
import { DELIVERY_COUNTS_TTL_SECONDS, deliveryCountsKey, OUTBOX_KEY, outboxDoneKey, outboxLeaseKey } from '../store/keys'
import { storeIsShared } from '../store/failover'
import type { Store } from '../store/store'
import type { ReplyTarget } from './messenger'

// The durable outbox: replies owed but not yet delivered, in the store so they outlive the request (and the
// process) that owed them. Keys and lifetimes: src/store/keys.ts ("the reply outbox"). An operator reads the
// day's counts with `HGETALL <REDIS_PREFIX>delivery:<UTC date>`.

export interface OutboxEntry {
  target: ReplyTarget
  /** The message itself, so a reply that was never produced (the process died first) can still be produced. */
  msg?: Omit<InboundMessage, 'raw'>
  /** The answer, once produced. */
  reply?: Reply
  createdAt: number
  /** After this a retry is no longer protected by the idempotency key (or the response_url has expired): give up. */
  closesAt: number
  /** Not to be tried before this; until then the request that wrote the entry may still be working on it. */
  nextAt: number
  attempts: number
  lastError?: string
}

export type DeliveryCount = 'queued' | 'sent-late' | 'given-up'

export const outboxId = (t: ReplyTarget) => `${t.platform}:${t.messageId}`

/**
 * This process's own copy of the entries it wrote. An entry written while Redis was down went to the store's
 * memory fallback and is not read back once Redis returns, and a Redis restarted without persistence has lost
 * its entries; the copy keeps such replies from being lost while this process lives.
 */
export class OutboxMirror {
  readonly entries = new Map<string, OutboxEntry>()
  constructor(private readonly max = 5000) {}
  set(entry: OutboxEntry): void {
    const id = outboxId(entry.target)
    this.entries.delete(id)
    this.entries.set(id, entry)
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break
      this.entries.delete(oldest)
    }
  }
}

export interface ListedEntry extends OutboxEntry {
  /** Only this process's copy has it: the store lost it, or another process finished it (see finished()). */
  mirrorOnly?: boolean
}

export class Outbox {
  constructor(
    private readonly store: Store,
    private readonly mirror?: OutboxMirror,
  ) {}

  async put(entry: OutboxEntry): Promise<void> {
    this.mirror?.set(entry)
    await this.store.hset(OUTBOX_KEY, outboxId(entry.target), JSON.stringify(entry))
  }

  async remove(id: string): Promise<void> {
    this.mirror?.entries.delete(id)
    await this.store.hdel(OUTBOX_KEY, id)
  }

  /** Every entry in the store, plus this process's copies of entries the store no longer has. */
  async entries(): Promise<ListedEntry[]> {
    const out = new Map<string, ListedEntry>()
    // Unreadable store: this process's copies are still worth sending.
    const stored = await this.store.hgetall(OUTBOX_KEY).catch(() => ({}) as Record<string, string>)
    for (const [id, json] of Object.entries(stored)) {
      try {
        const entry = JSON.parse(json) as OutboxEntry
        if (entry?.target?.platform && typeof entry.nextAt === 'number') out.set(id, entry)
        else await this.store.hdel(OUTBOX_KEY, id)
      } catch {
        // written by another version, say: dropped rather than retried forever
        await this.store.hdel(OUTBOX_KEY, id)
      }
    }
    for (const [id, mine] of this.mirror?.entries ?? []) {
      const stored = out.get(id)
      if (!stored) out.set(id, { ...mine, mirrorOnly: true })
      else if (mine.attempts > stored.attempts) out.set(id, mine)
    }
    return [...out.values()]
  }

  /**
   * Writes this process's copies of `entries` (ones the store did not list) back into the store, so the reply no
   * longer dies with this process: after an outage the entries it kept in memory, after an empty Redis restart the
   * ones Redis lost. Does nothing while the store serves from memory. An entry a drain elsewhere finished is
   * dropped instead, and one this process removed meanwhile (sent) is left out. Returns the ids written.
   */
  async share(entries: readonly OutboxEntry[]): Promise<string[]> {
    const written: string[] = []
    for (const entry of entries) {
      if (!storeIsShared(this.store)) break
      const id = outboxId(entry.target)
      if (await this.finished(id)) {
        this.mirror?.entries.delete(id)
        continue
      }
      const mine = this.mirror?.entries.get(id)
      // Checked and written in one turn: a remove() after this point reaches Redis after the write, not before.
      if (!mine) continue
      await this.store.hset(OUTBOX_KEY, id, JSON.stringify(mine))
      // An outage met by this write sends it to memory without an error: not shared, so not counted as written.
      if (!storeIsShared(this.store)) break
      written.push(id)
    }
    return written
  }

  /** True when this caller may work on the entry now; other instances skip it until the lease ends. */
  lease(id: string, seconds: number): Promise<boolean> {
    return this.store.claim(outboxLeaseKey(id), Math.max(1, Math.ceil(seconds)))
  }

  release(id: string): Promise<void> {
    return this.store.del(outboxLeaseKey(id))
  }

  /** Remembers that an entry was sent or given up by a drain, so another process's copy of it is not tried again. */
  async finish(id: string, closesAt: number, now: number): Promise<void> {
    this.mirror?.entries.delete(id)
    await this.store.set(outboxDoneKey(id), '1', Math.max(1, Math.ceil((closesAt - now) / 1000)))
  }

  async finished(id: string): Promise<boolean> {
    return (await this.store.get(outboxDoneKey(id))) !== null
  }

  async count(what: DeliveryCount, now = Date.now()): Promise<void> {
    await this.store.hincr(deliveryCountsKey(utcDate(now)), what, DELIVERY_COUNTS_TTL_SECONDS)
  }

  /** One UTC date's counts (today by default). */
  async counts(now = Date.now()): Promise<Record<DeliveryCount, number>> {
    const raw = await this.store.hgetall(deliveryCountsKey(utcDate(now)))
    return { queued: Number(raw.queued ?? 0), 'sent-late': Number(raw['sent-late'] ?? 0), 'given-up': Number(raw['given-up'] ?? 0) }
  }
}

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
