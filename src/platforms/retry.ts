import { SendError } from '../bot/send-error'
import type { DeliveryTiming } from './timing'

/** Time as the retry loop sees it; tests and the chaos suite pass their own. */
export interface Clock {
  now(): number
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  random(): number
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    }),
  random: Math.random,
}

/** A failure worth another try: the platform did not take the request, or asked us to slow down. */
export function isRetryable(err: unknown): err is SendError {
  return err instanceof SendError && (err.kind === 'unavailable' || err.kind === 'rate-limited')
}

/**
 * The wait before try number `attempt + 1`: a random share of an exponential backoff ("full jitter", so many
 * replies failing together do not retry together), and never less than what the platform asked for.
 */
export function retryDelay(err: SendError, attempt: number, timing: DeliveryTiming, random: () => number): number {
  const backoff = random() * Math.min(timing.backoffMaxMs, timing.backoffBaseMs * 2 ** attempt)
  const asked = (err.retryAfterMs ?? 0) * timing.scale
  return asked > 0 ? asked + random() * timing.backoffBaseMs : backoff
}

export type TryResult =
  | { ok: true; attempts: number }
  /** retryAt: when a later try may succeed; absent when the platform refused for good. */
  | { ok: false; attempts: number; error: unknown; retryAt?: number }

/**
 * Calls `send` until it succeeds, fails for good, or the next wait would pass `deadline` (or `stop` aborts).
 * The caller keeps the idempotency key inside `send`, so every try is the same request to the platform.
 */
export async function tryUntil(
  send: (signal?: AbortSignal) => Promise<void>,
  opts: { deadline: number; timing: DeliveryTiming; clock: Clock; stop?: AbortSignal },
): Promise<TryResult> {
  const { clock } = opts
  for (let attempt = 0; ; attempt++) {
    try {
      await send(opts.stop)
      return { ok: true, attempts: attempt + 1 }
    } catch (error) {
      if (!isRetryable(error)) return { ok: false, attempts: attempt + 1, error }
      const retryAt = clock.now() + retryDelay(error, attempt, opts.timing, clock.random)
      if (retryAt > opts.deadline || opts.stop?.aborted) return { ok: false, attempts: attempt + 1, error, retryAt }
      await clock.sleep(retryAt - clock.now(), opts.stop)
      if (opts.stop?.aborted) return { ok: false, attempts: attempt + 1, error, retryAt: clock.now() }
    }
  }
}
