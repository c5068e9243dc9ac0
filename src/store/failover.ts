import type { Store, ZBounds } from './store'
import { withTimeout } from './with-timeout'

/** Outage bookkeeping; share one between per-request FailoverStores (Workers) so each request need not rediscover it. */
export interface OutageState {
  down: boolean
  nextProbeAt: number
  /** When Redis last came back (ms); 0 before any outage. */
  upAt: number
  /** Keys claimed in memory during the outage, with when each claim ends (ms): copied into Redis when it returns. */
  memoryClaims: Map<string, number>
}

/** A webhook acknowledges only after its de-dup claim, so this is the most a dead or stuck Redis adds to an ack. */
export const DEFAULT_TIMEOUT_MS = 400
/** A probe is one small write in the background, so it can be frequent: instances disagree about Redis for less time. */
export const DEFAULT_PROBE_EVERY_MS = 1000
/** After Redis returns, another instance may still be on memory for a probe interval or more; see `settling`. */
export const DEFAULT_SETTLE_MS = 5000
/** Most claims made in memory that are remembered for copying into Redis (the memory fallback holds 20,000 keys). */
const MAX_MEMORY_CLAIMS = 20_000
/** Claim copies sent to Redis at once after an outage: each batch must answer within the timeout. */
const CLAIM_COPY_BATCH = 200

export interface FailoverOptions {
  /** Upper bound for any one call to the primary (DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number
  /** While down, the primary is probed (a write) at most this often (DEFAULT_PROBE_EVERY_MS). */
  probeEveryMs?: number
  /** How long after Redis returns the store still counts as `settling` (DEFAULT_SETTLE_MS). */
  settleMs?: number
  log?: (message: string) => void
  now?: () => number
  state?: OutageState
  /** Called when Redis takes writes again after an outage (the Node entry drains the outbox then). */
  onRecover?: () => void
}

export function createOutageState(): OutageState {
  return { down: false, nextProbeAt: 0, upAt: 0, memoryClaims: new Map() }
}

// Replies about the command or the data, not the server: memory would answer no better, so they reach the caller.
// Every other error is an outage: unreachable, timed out, or refusing work (OOM at maxmemory, READONLY replica,
// LOADING, NOAUTH/WRONGPASS, MISCONF, BUSY, max clients…).
const COMMAND_ERROR = /^(WRONGTYPE|ERR (hash )?value is not an integer|ERR increment or decrement would overflow)/

/** False while a FailoverStore serves from memory: what is written now is this process's alone. */
export function storeIsShared(store: Store): boolean {
  return !(store instanceof FailoverStore && store.degraded)
}

export function isCommandError(err: unknown): boolean {
  return err instanceof Error && err.name === 'ReplyError' && COMMAND_ERROR.test(err.message)
}

/**
 * Redis first, memory when Redis is unreachable, slow or refusing commands, back to Redis when a probe (a real
 * write, see RedisStore.health) succeeds again.
 * Writes made while degraded stay in memory and are not copied back (a short outage costs some session and
 * counter state, never an answer), except claims: those still held are copied into Redis when it returns, so
 * another instance recognises a message this one answered during the outage.
 */
export class FailoverStore implements Store {
  readonly kind = 'redis' as const
  private readonly timeoutMs: number
  private readonly probeEveryMs: number
  private readonly settleMs: number
  private readonly log: (message: string) => void
  private readonly now: () => number
  private readonly state: OutageState
  private readonly onRecover: () => void
  private probing: Promise<boolean> | null = null

  constructor(private readonly primary: Store, private readonly fallback: Store, opts: FailoverOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.probeEveryMs = opts.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS
    this.settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS
    this.log = opts.log ?? ((m: string) => console.warn(m))
    this.now = opts.now ?? Date.now
    this.state = opts.state ?? createOutageState()
    this.onRecover = opts.onRecover ?? (() => {})
  }

  get degraded(): boolean {
    return this.state.down
  }

  /**
   * Back on Redis for less than settleMs: another instance may not have noticed yet and still claim in its own
   * memory, so a claim won here may not be the only one.
   */
  get settling(): boolean {
    return !this.state.down && this.state.upAt > 0 && this.now() - this.state.upAt < this.settleMs
  }

  private markDown(reason: string): void {
    if (this.state.down) return
    this.state.down = true
    this.state.nextProbeAt = this.now() + this.probeEveryMs
    this.log(`[store] Redis unavailable (${reason}); serving from memory, not shared between instances, until it takes writes again`)
  }

  private markUp(): void {
    if (!this.state.down) return
    this.state.down = false
    this.state.upAt = this.now()
    this.log('[store] Redis is back; shared store in use again')
    void this.shareMemoryClaims()
    try {
      this.onRecover()
    } catch (e) {
      this.log(`[store] after Redis came back: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  /** One probe at a time, at most every probeEveryMs; resolves true when the primary answers. */
  private probe(): Promise<boolean> {
    if (this.probing) return this.probing
    if (this.now() < this.state.nextProbeAt) return Promise.resolve(false)
    this.state.nextProbeAt = this.now() + this.probeEveryMs
    this.probing = withTimeout(this.primary.health(), this.timeoutMs, 'Redis probe')
      .then((h) => h === 'up', () => false)
      .then((up) => {
        if (up) this.markUp()
        return up
      })
      .finally(() => {
        this.probing = null
      })
    return this.probing
  }

  /** Probes now, whatever the interval (a process about to stop wants to know); true when back on Redis. */
  async recheck(): Promise<boolean> {
    if (!this.state.down) return true
    if (this.probing) return this.probing
    this.state.nextProbeAt = 0
    return this.probe()
  }

  private async run<T>(what: string, op: (s: Store) => Promise<T>): Promise<T> {
    if (this.state.down) {
      // The probe runs in the background so no caller waits on a dead server; the next call uses its result.
      void this.probe()
      return op(this.fallback)
    }
    try {
      return await withTimeout(op(this.primary), this.timeoutMs, `Redis ${what}`)
    } catch (err) {
      if (isCommandError(err)) throw err
      this.markDown(`${what}: ${err instanceof Error ? err.message : String(err)}`)
      return op(this.fallback)
    }
  }

  /**
   * Copies the claims still held in memory into Redis (SET NX, for what is left of each TTL), a batch at a time so a
   * long list does not time out all at once. A claim leaves the list only once Redis has it: one whose copy failed
   * is tried again when Redis next returns (this process still refuses its message meanwhile).
   */
  private async shareMemoryClaims(): Promise<void> {
    const claims = this.state.memoryClaims
    const keys = [...claims.keys()]
    let failed = 0
    for (let i = 0; i < keys.length && !this.state.down; i += CLAIM_COPY_BATCH) {
      const now = this.now()
      // Looked up and sent in one turn: a del() (a released lease) before this leaves the key out, one after reaches Redis after the copy.
      const copies = keys.slice(i, i + CLAIM_COPY_BATCH).map((key) => {
        const until = claims.get(key)
        if (until === undefined) return undefined
        if (until <= now) return void claims.delete(key)
        return withTimeout(this.primary.claim(key, Math.ceil((until - now) / 1000)), this.timeoutMs, 'Redis claim copy').then(
          () => void (claims.get(key) === until && claims.delete(key)),
          () => void failed++,
        )
      })
      await Promise.all(copies)
    }
    if (failed) this.log(`[store] ${failed} claim(s) made in memory during the outage not copied into Redis; another instance may answer those messages again (tried again when Redis next returns)`)
  }

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    // A key this process claimed in memory during an outage still counts after Redis returns,
    // so a platform retry landing just after recovery is not answered twice.
    if ((await this.fallback.get(key)) !== null) return false
    let inMemory = false
    const won = await this.run('claim', (s) => {
      inMemory = s === this.fallback
      return s.claim(key, ttlSeconds)
    })
    if (won && inMemory) {
      const claims = this.state.memoryClaims
      claims.set(key, this.now() + ttlSeconds * 1000)
      for (const oldest of claims.keys()) {
        if (claims.size <= MAX_MEMORY_CLAIMS) break
        claims.delete(oldest)
      }
    }
    return won
  }
  get(key: string): Promise<string | null> {
    return this.run('get', (s) => s.get(key))
  }
  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.run('set', (s) => s.set(key, value, ttlSeconds))
  }
  // Deletes reach memory too, whichever store is in use: a key written there during an outage and deleted after
  // it (a released lease, a sent reply's outbox field) must not come back in the next outage, nor be copied to Redis.
  async del(key: string): Promise<void> {
    this.state.memoryClaims.delete(key)
    await this.fallback.del(key)
    return this.run('del', (s) => s.del(key))
  }
  incr(key: string, ttlSeconds: number): Promise<number> {
    return this.run('incr', (s) => s.incr(key, ttlSeconds))
  }
  hincr(key: string, field: string, ttlSeconds: number): Promise<number> {
    return this.run('hincr', (s) => s.hincr(key, field, ttlSeconds))
  }
  hgetall(key: string): Promise<Record<string, string>> {
    return this.run('hgetall', (s) => s.hgetall(key))
  }
  hset(key: string, field: string, value: string): Promise<void> {
    return this.run('hset', (s) => s.hset(key, field, value))
  }
  async hdel(key: string, field: string): Promise<void> {
    await this.fallback.hdel(key, field)
    return this.run('hdel', (s) => s.hdel(key, field))
  }
  zaddBounded(key: string, member: string, score: number, bounds: ZBounds): Promise<string[]> {
    return this.run('zadd', (s) => s.zaddBounded(key, member, score, bounds))
  }
  zrevrange(key: string, start: number, stop: number): Promise<string[]> {
    return this.run('zrevrange', (s) => s.zrevrange(key, start, stop))
  }

  /** 'up' only when Redis takes a write now; 'down' while serving from memory (a due probe runs first, so recovery shows promptly). */
  async health(): Promise<'up' | 'down'> {
    if (this.state.down) return (await this.probe()) ? 'up' : 'down'
    const h = await withTimeout(this.primary.health(), this.timeoutMs, 'Redis health write').catch(() => 'down' as const)
    if (h !== 'up') this.markDown('health write failed')
    return h === 'up' ? 'up' : 'down'
  }

  /** Ends the primary; the fallback belongs to whoever made it (it may be shared across requests). */
  async close(): Promise<void> {
    await this.primary.close()
  }
}
