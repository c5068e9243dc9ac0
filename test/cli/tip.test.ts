import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { tipForDate } from '../../src/tips/schedule'
import { runCli } from '../helpers/cli'

const cli = (...args: string[]) => runCli(args, { env: { TZ_NAME: 'Asia/Shanghai' } })

describe('cli tip', () => {
  it('prints the tip for a date as JSON, the same on every run and the same as the cron would pick', async () => {
    const first = await cli('tip', '--date', '2026-11-24', '--json')
    const second = await cli('tip', '--date', '2026-11-24', '--json')
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(second.stdout)
    const json = JSON.parse(first.stdout)
    expect(Object.keys(json).sort()).toEqual(['date', 'id', 'intent', 'section', 'text'])
    expect(json.date).toBe('2026-11-24')
    expect(typeof json.id).toBe('string')
    expect(typeof json.text).toBe('string')
    expect(json.intent === null || typeof json.intent === 'string').toBe(true)
    expect(typeof json.section).toBe('string')
    const tip = tipForDate(loadKnowledge().tips, '2026-11-24')
    expect(json).toEqual({ date: '2026-11-24', id: tip.id, text: tip.text, intent: tip.intent, section: tip.section })
  })

  it('gives the tip of a given chat with --chat, readable without --json', async () => {
    const r = await cli('tip', '--date', '2026-11-24', '--chat', 'oc_demo')
    const tip = tipForDate(loadKnowledge().tips, '2026-11-24', 'oc_demo')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(tip.text)
    expect(r.stdout).toContain(tip.section)
  })

  it('exits 2 with the usage on a bad date', async () => {
    const r = await cli('tip', '--date', '2026-02-30')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/YYYY-MM-DD/)
  })
})
