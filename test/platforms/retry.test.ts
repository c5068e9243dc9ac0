import { describe, expect, it } from 'vitest'
import { SendError } from '../../src/bot/send-error'
import { retryDelay, tryUntil, type Clock } from '../../src/platforms/retry'
import { deliveryTiming, scaledTiming } from '../../src/platforms/timing'

/** A clock that moves only when the code under test sleeps. */
function fakeClock(random = 0.5) {
  let t = 1_000_000
  const waits: number[] = []
  const clock: Clock = { now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)), random: () => random }
  return { clock, waits, elapsed: () => t - 1_000_000 }
}

const timing = deliveryTiming()
const unavailable = () => new SendError('HTTP 502', 502, 'unavailable')

describe('tryUntil', () => {
  it('retries what a retry can cure and stops at the first success', async () => {
    const { clock, waits } = fakeClock()
    let calls = 0
    const result = await tryUntil(async () => {
      if (++calls < 4) throw unavailable()
    }, { deadline: clock.now() + 60_000, timing, clock })
    expect(result).toEqual({ ok: true, attempts: 4 })
    expect(waits).toHaveLength(3)
  })

  it('backs off exponentially with full jitter, capped', () => {
    const e = unavailable()
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelay(e, n, timing, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000])
    expect(retryDelay(e, 3, timing, () => 0.25)).toBe(1000)
  })

  it('waits at least what a rate limit asked for, scaled with the rest of time', () => {
    const limited = new SendError('429', 99991400, 'rate-limited', 30_000)
    expect(retryDelay(limited, 0, timing, () => 0)).toBe(30_000)
    expect(retryDelay(limited, 0, scaledTiming(0.1), () => 0)).toBe(3000)
  })

  it('does not retry a refusal', async () => {
    const { clock, waits } = fakeClock()
    const refused = new SendError('message recalled', 230011, 'failed')
    const result = await tryUntil(async () => {
      throw refused
    }, { deadline: clock.now() + 60_000, timing, clock })
    expect(result).toEqual({ ok: false, attempts: 1, error: refused })
    expect(waits).toEqual([])
  })

  it('stops before a wait that would pass the deadline and says when to try again', async () => {
    const { clock, elapsed } = fakeClock()
    const limited = new SendError('429', 99991400, 'rate-limited', 30_000)
    const result = await tryUntil(async () => {
      throw limited
    }, { deadline: clock.now() + 20_000, timing, clock })
    expect(result.ok).toBe(false)
    expect(elapsed()).toBe(0)
    if (!result.ok) expect(result.retryAt).toBeGreaterThanOrEqual(clock.now() + 30_000)
  })

  it('stops at once when asked to (shutdown), leaving the rest for later', async () => {
    const { clock } = fakeClock()
    const stop = new AbortController()
    let calls = 0
    const result = await tryUntil(async () => {
      calls++
      stop.abort()
      throw unavailable()
    }, { deadline: clock.now() + 60_000, timing, clock, stop: stop.signal })
    expect(calls).toBe(1)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.retryAt).toBeDefined()
  })
})
