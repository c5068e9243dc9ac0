import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cronProblem, startTipScheduler } from '../../src/node/scheduler'

// croner's own timers, on a fake clock: the schedule is real, the waiting is not.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-24T00:59:58Z') }) // 08:59:58 in Shanghai
})
afterEach(() => {
  vi.useRealTimers()
})

describe('startTipScheduler', () => {
  it('fires on the cron in the configured zone, logs a failing run instead of throwing, and stops', async () => {
    const lines: string[] = []
    const runs: string[] = []
    const stop = startTipScheduler({
      cron: '0-2 9 * * *', // 09:00, 09:01 and 09:02
      timeZone: 'Asia/Shanghai',
      run: async () => {
        runs.push(new Date().toISOString())
        throw new Error('send exploded')
      },
      log: (l) => lines.push(l),
    })
    expect(lines[0]).toContain('next 2026-11-24T01:00:00.000Z')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(runs).toEqual([])
    await vi.advanceTimersByTimeAsync(2_000)
    expect(runs).toEqual(['2026-11-24T01:00:00.000Z'])
    expect(lines.some((l) => l.includes('push failed: send exploded'))).toBe(true)
    await vi.advanceTimersByTimeAsync(2 * 60_000)
    expect(runs).toEqual(['2026-11-24T01:00:00.000Z', '2026-11-24T01:01:00.000Z', '2026-11-24T01:02:00.000Z'])
    stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('skips a tick while the previous run is still going', async () => {
    let running = 0
    let maxRunning = 0
    let runs = 0
    const lines: string[] = []
    const stop = startTipScheduler({
      cron: '* * * * *', timeZone: 'UTC', log: (l) => lines.push(l),
      run: async () => {
        runs++
        running++
        maxRunning = Math.max(maxRunning, running)
        await new Promise((r) => setTimeout(r, 90_000)) // a push that takes a minute and a half
        running--
      },
    })
    await vi.advanceTimersByTimeAsync(3 * 60_000 + 5_000) // ticks at 01:00, 01:01, 01:02, 01:03
    stop()
    expect(maxRunning).toBe(1)
    expect(runs).toBeGreaterThanOrEqual(2)
    expect(runs).toBeLessThan(4)
    expect(lines.some((l) => l.includes('still running'))).toBe(true)
  })

  it('logs and does not throw on a bad pattern', () => {
    const lines: string[] = []
    const stop = startTipScheduler({ cron: 'every morning', timeZone: 'Asia/Shanghai', run: async () => {}, log: (l) => lines.push(l) })
    expect(typeof stop).toBe('function')
    expect(lines[0]).toMatch(/NOT scheduled/)
    expect(cronProblem('every morning', 'Asia/Shanghai')).not.toBeNull()
    expect(cronProblem('0 9 * * *', 'Asia/Shanghai')).toBeNull()
    expect(cronProblem('0 9 * * *', 'Mars/Olympus')).not.toBeNull()
  })
})
