import { describe, expect, it } from 'vitest'
import type { Tip } from '../../src/knowledge/knowledge'
import { addDays, localDate, tipForDate } from '../../src/tips/schedule'
import tipsFile from '../../knowledge/tips.json'

const tips = tipsFile.tips as Tip[]
const N = tips.length

function schedule(list: readonly Tip[], from: string, days: number, chatId?: string): string[] {
  return Array.from({ length: days }, (_, i) => tipForDate(list, addDays(from, i), chatId).id)
}

function firstRepeatWithin(ids: string[], window: number): string | null {
  for (let i = 0; i < ids.length; i++) {
    const seen = ids.slice(Math.max(0, i - window + 1), i)
    if (seen.includes(ids[i]!)) return `${ids[i]} on day ${i}`
  }
  return null
}

const extra = (id: string, since?: string): Tip => ({ id, text: `新增的一条测试 tip ${id}`, section: '四 小结', intent: null, since })

describe('tipForDate', () => {
  it('gives 60 consecutive dates 60 tips with no repeat inside any window of N', () => {
    for (const chat of [undefined, 'oc_group_a', 'wecom-chat-42']) {
      const ids = schedule(tips, '2026-11-24', 60, chat)
      expect(ids).toHaveLength(60)
      expect(firstRepeatWithin(ids, N)).toBeNull()
    }
  })

  it('goes through every tip once before any repeats, for a full year', () => {
    const ids = schedule(tips, '2026-01-01', 365)
    expect(firstRepeatWithin(ids, N)).toBeNull()
    expect(new Set(ids.slice(0, N)).size).toBe(N)
  })

  it('is deterministic and independent of the order of the list', () => {
    const shuffled = [...tips].reverse()
    expect(schedule(shuffled, '2026-11-24', 30)).toEqual(schedule(tips, '2026-11-24', 30))
    expect(tipForDate(tips, '2026-11-24', 'oc_x').id).toBe(tipForDate([...tips], '2026-11-24', 'oc_x').id)
  })

  it('gives different chats different phases of the rotation', () => {
    const chats = ['oc_a', 'oc_b', 'oc_c', 'oc_d', 'oc_e']
    const today = new Set(chats.map((c) => tipForDate(tips, '2026-11-24', c).id))
    expect(today.size).toBeGreaterThan(1)
  })

  it('does not change past days or re-show a recent tip when tips are added with a since date', () => {
    for (const chat of [undefined, 'oc_group_a']) {
      for (let deploy = 0; deploy < 50; deploy += 7) {
        const deployDay = addDays('2026-11-01', deploy)
        const since = addDays(deployDay, 1)
        const grown = [...tips, extra('added-one', since), extra('added-two', since), extra('added-three', addDays(since, 20))]
        const before = schedule(tips, '2026-09-01', 240, chat)
        const after = schedule(grown, '2026-09-01', 240, chat)
        const cut = 61 + deploy + 1 // index of `since` counted from 2026-09-01
        expect(after.slice(0, cut)).toEqual(before.slice(0, cut))
        // What the group actually saw: the old schedule up to the deploy, the new one from then on.
        const seen = [...before.slice(0, cut), ...after.slice(cut)]
        expect(firstRepeatWithin(seen, N)).toBeNull()
        expect(after).toContain('added-one')
      }
    }
  })

  it('shows a tip added with a future since date only from that date on', () => {
    const grown = [...tips, extra('future-tip', '2027-03-01')]
    const until = schedule(grown, '2026-12-01', 90)
    expect(until).not.toContain('future-tip')
    expect(schedule(grown, '2027-03-01', N + 2)).toContain('future-tip')
  })

  it('handles the smallest list and dates before the epoch', () => {
    expect(schedule([extra('only')], '2020-01-01', 3)).toEqual(['only', 'only', 'only'])
    const two = [extra('a-tip'), extra('b-tip')]
    const ids = schedule(two, '2023-12-30', 6)
    expect(firstRepeatWithin(ids, 2)).toBeNull()
  })

  it('rejects a malformed date and an empty list', () => {
    expect(() => tipForDate(tips, '2026-13-01')).toThrow(/not a date/)
    expect(() => tipForDate(tips, '24.11.2026')).toThrow(/not a date/)
    expect(() => tipForDate([], '2026-11-24')).toThrow(/no tips/)
  })
})

describe('localDate', () => {
  it('uses the community time zone, not UTC', () => {
    const lateUtc = new Date('2026-11-23T17:30:00Z') // 01:30 on the 24th in Shanghai
    expect(localDate(lateUtc, 'Asia/Shanghai')).toBe('2026-11-24')
    expect(localDate(lateUtc, 'UTC')).toBe('2026-11-23')
    expect(localDate(lateUtc, 'America/Los_Angeles')).toBe('2026-11-23')
  })
})

describe('local dates without ICU', () => {
  it('gives the same date as Intl for the fixed-offset zones, around their midnight and across years', () => {
    const formatters = new Map<string, Intl.DateTimeFormat>()
    const intl = (ms: number, timeZone: string) => {
      if (!formatters.has(timeZone)) formatters.set(timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }))
      return formatters.get(timeZone)!.format(ms)
    }
    const instants: number[] = []
    for (const day of ['2024-02-28', '2024-02-29', '2024-12-31', '2025-06-30', '2026-11-30']) {
      const midnight = Date.parse(`${day}T00:00:00Z`)
      for (let h = -10; h <= 10; h++) for (const m of [-1, 0, 1]) instants.push(midnight + h * 3_600_000 + m * 60_000)
    }
    for (const zone of ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'UTC', 'Etc/UTC']) {
      for (const ms of instants) expect(localDate(new Date(ms), zone), `${zone} ${new Date(ms).toISOString()}`).toBe(intl(ms, zone))
    }
  })
})
