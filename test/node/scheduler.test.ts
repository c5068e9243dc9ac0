import { describe, expect, it } from 'vitest'
import { cronProblem, startTipScheduler } from '../../src/node/scheduler'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('startTipScheduler', () => {
  it('runs on the cron, logs a failing run instead of throwing, and stops', async () => {
    const lines: string[] = []
    let runs = 0
    const stop = startTipScheduler({
      cron: '* * * * * *', // every second
      timeZone: 'Asia/Shanghai',
      run: async () => {
        runs++
        throw new Error('send exploded')
      },
      log: (l) => lines.push(l),
    })
    await sleep(2300)
    stop()
    const seen = runs
    expect(seen).toBeGreaterThanOrEqual(1)
    expect(lines.some((l) => l.includes('push failed: send exploded'))).toBe(true)
    await sleep(1200)
    expect(runs).toBe(seen)
  })

  it('skips a tick while the previous run is still going', async () => {
    let running = 0
    let maxRunning = 0
    const lines: string[] = []
    const stop = startTipScheduler({
      cron: '* * * * * *', timeZone: 'UTC', log: (l) => lines.push(l),
      run: async () => {
        running++
        maxRunning = Math.max(maxRunning, running)
        await sleep(1600)
        running--
      },
    })
    await sleep(3200)
    stop()
    expect(maxRunning).toBe(1)
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
