import type { Platform } from '../bot/message'
import { errorResponse } from './http'

/**
 * Bad requests are counted, not logged one line each: the first of a kind is logged with its detail, later ones
 * in the same minute are only counted, and the count rides along on the next line of that kind. A client that
 * floods the webhook costs at most one log line a minute per kind, yet an operator still sees every kind of
 * failure (a wrong FEISHU_ENCRYPT_KEY shows up as "401 signature" the first time it happens).
 */
export class RejectionLog {
  private readonly windows = new Map<string, { since: number; unreported: number }>()
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
    private readonly everyMs = 60_000,
  ) {}

  /** Counts one rejection of `kind`; logs it unless that kind was logged less than a minute ago. */
  note(kind: string, detail: string): void {
    this.seen.set(kind, (this.seen.get(kind) ?? 0) + 1)
    const t = this.now()
    const w = this.windows.get(kind)
    if (w && t - w.since < this.everyMs) {
      w.unreported++
      return
    }
    const more = w && w.unreported > 0 ? ` (+${w.unreported} more since ${new Date(w.since).toISOString()})` : ''
    this.windows.set(kind, { since: t, unreported: 0 })
    this.log(`${kind}: ${detail}${more}`)
  }

  /** Reports counts not yet logged (at shutdown). */
  flush(): void {
    for (const [kind, w] of this.windows) {
      if (w.unreported > 0) this.log(`${kind}: +${w.unreported} more since ${new Date(w.since).toISOString()}`)
      w.unreported = 0
    }
  }

  /** Every rejection counted since start, by kind. */
  totals(): Record<string, number> {
    return Object.fromEntries(this.seen)
  }
}

/** Answers a rejected webhook request and counts it: `check` names what failed (signature, token, decryption…). */
export type Reject = (status: number, check: string, error: string, opts?: { hint?: string; headers?: Record<string, string> }) => Response

export function rejecter(log: RejectionLog, platform: Platform): Reject {
  return (status, check, error, opts = {}) => {
    log.note(`webhook ${platform} ${status} ${check}`, opts.hint ? `${error} (${opts.hint})` : error)
    return errorResponse(status, error, opts.headers)
  }
}

/** Counts something odd in an accepted request (a response_url we will not use…), logged like a rejection. */
export type Note = (check: string, detail: string) => void

export function noter(log: RejectionLog, platform: Platform): Note {
  return (check, detail) => log.note(`webhook ${platform} ${check}`, detail)
}
