import { describe, expect, it } from 'vitest'
import { checkTitle, isFlagged } from '../../src/title'
import { loadTitleSet, TITLE_SETS, type Labelled } from './labelled'

const SIX = ['length', 'ad-law', 'diversion', 'negative-tone', 'missing-keyword', 'vague']

interface RuleFigures { wanted: number; fired: number; quiet: number; falseFired: number }

function measure(rows: Labelled[]) {
  const perRule = new Map<string, RuleFigures>()
  const misses: string[] = []
  const falseFires: string[] = []
  const figures = (rule: string) => {
    let f = perRule.get(rule)
    if (!f) perRule.set(rule, (f = { wanted: 0, fired: 0, quiet: 0, falseFired: 0 }))
    return f
  }
  for (const row of rows) {
    const report = checkTitle(row.title, { keywords: row.keywords })
    const flagged = new Set(report.issues.filter(isFlagged).map((i) => i.rule))
    for (const rule of row.mustFire) {
      const f = figures(rule)
      f.wanted++
      if (flagged.has(rule)) f.fired++
      else misses.push(`${rule} ⟵ ${row.title}`)
    }
    for (const rule of row.mustNotFire) {
      const f = figures(rule)
      f.quiet++
      if (flagged.has(rule)) {
        f.falseFired++
        falseFires.push(`${rule} ⟵ ${row.title} (${report.issues.find((i) => i.rule === rule)?.match ?? ''})`)
      }
    }
  }
  let quiet = 0
  let falseFired = 0
  for (const f of perRule.values()) {
    quiet += f.quiet
    falseFired += f.falseFired
  }
  return { perRule, falseRate: falseFired / quiet, quiet, falseFired, misses, falseFires }
}

function report(name: string, rows: Labelled[], m: ReturnType<typeof measure>, itemised: boolean) {
  const lines = [...m.perRule].map(([rule, f]) =>
    `  ${rule.padEnd(16)} recall ${f.fired}/${f.wanted} = ${(f.fired / (f.wanted || 1)).toFixed(3)}   false ${f.falseFired}/${f.quiet}`)
  console.log(`${name}: ${rows.length} titles; false flags ${m.falseFired}/${m.quiet} = ${(m.falseRate * 100).toFixed(2)}% of must-not checks\n${lines.join('\n')}`)
  if (itemised && m.misses.length) console.log(`  missed:\n    ${m.misses.join('\n    ')}`)
  if (itemised && m.falseFires.length) console.log(`  false flags:\n    ${m.falseFires.join('\n    ')}`)
}

describe.each([
  ['existing set (titles.jsonl)', TITLE_SETS.existing, true],
  ['tuning set (titles-2.jsonl, blind-written)', TITLE_SETS.tuning, true],
  // Held out: only the aggregate figures are printed, so nobody tunes on its items.
  ['HELD-OUT set (titles-holdout.jsonl, blind-written, never tuned on)', TITLE_SETS.heldOut, false],
] as const)('%s', (name, file, itemised) => {
  const rows = loadTitleSet(file)
  const m = measure(rows)

  it('finds at least 95% of what each rule must flag, and wrongly flags at most 1% of must-not checks', () => {
    report(name, rows, m, itemised)
    for (const [rule, f] of m.perRule) {
      if (f.wanted) expect(f.fired / f.wanted, `recall of ${rule}`).toBeGreaterThanOrEqual(0.95)
    }
    expect(m.falseRate).toBeLessThanOrEqual(0.01)
  })
})

describe('existing set (titles.jsonl)', () => {
  it('has at least 150 titles, 40 of them clean', () => {
    const rows = loadTitleSet(TITLE_SETS.existing)
    expect(rows.length).toBeGreaterThanOrEqual(150)
    const clean = rows.filter((r) => r.mustFire.length === 0 && SIX.every((id) => r.mustNotFire.includes(id)))
    expect(clean.length).toBeGreaterThanOrEqual(40)
  })
})
