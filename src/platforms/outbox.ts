import type { InboundMessage } from '../bot/message'
import type { Reply } from '../bot/reply'
import type { Store } from '../store/store'
import type { ReplyTarget } from './messenger'

// The durable outbox: replies owed but not yet delivered, in the store so they outlive the request (and the
// process) that owed them. One hash, one field per message; a lease key while a process works on an entry;
// a counters hash an operator can read (`HGETALL <REDIS_PREFIX>delivery:counts`).
export const OUTBOX_KEY = 'outbox'
const LEASE_PREFIX = 'outbox:lease:'
export const DELIVERY_COUNTS_KEY = 'delivery:counts'

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

export class Outbox {
  constructor(private readonly store: Store) {}

  async put(entry: OutboxEntry): Promise<void> {
    await this.store.hset(OUTBOX_KEY, outboxId(entry.target), JSON.stringify(entry))
  }

  async remove(id: string): Promise<void> {
    await this.store.hdel(OUTBOX_KEY, id)
  }

  /** Every entry; one that does not parse (written by another version, say) is dropped rather than retried forever. */
  async entries(): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = []
    for (const [id, json] of Object.entries(await this.store.hgetall(OUTBOX_KEY))) {
      try {
        const entry = JSON.parse(json) as OutboxEntry
        if (entry?.target?.platform && typeof entry.nextAt === 'number') out.push(entry)
        else await this.remove(id)
      } catch {
        await this.remove(id)
      }
    }
    return out
  }

  /** True when this caller may work on the entry now; other instances skip it until the lease ends. */
  lease(id: string, seconds: number): Promise<boolean> {
    return this.store.claim(`${LEASE_PREFIX}${id}`, Math.max(1, Math.ceil(seconds)))
  }

  release(id: string): Promise<void> {
    return this.store.del(`${LEASE_PREFIX}${id}`)
  }

  async count(what: DeliveryCount): Promise<void> {
    await this.store.hincr(DELIVERY_COUNTS_KEY, what, 90 * 24 * 3600)
  }

  async counts(): Promise<Record<DeliveryCount, number>> {
    const raw = await this.store.hgetall(DELIVERY_COUNTS_KEY)
    return { queued: Number(raw.queued ?? 0), 'sent-late': Number(raw['sent-late'] ?? 0), 'given-up': Number(raw['given-up'] ?? 0) }
  }
}
