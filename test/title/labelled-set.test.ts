import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkTitle, isFlagged } from '../../src/title'

interface Labelled { title: string; keywords?: string[]; mustFire: string[]; mustNotFire: string[]; note?: string }

const rows: Labelled[] = readFileSync(new URL('../fixtures/titles.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Labelled)

const SIX = ['length', 'ad-law', 'diversion', 'negative-tone', 'missing-keyword', 'vague']

function measure() {
  let fireWanted = 0, fired = 0, quietWanted = 0, falseFired = 0
  const misses: string[] = []
  const falseFires: string[] = []
  for (const row of rows) {
    const report = checkTitle(row.title, { keywords: row.keywords })
    const flagged = new Set(report.issues.filter(isFlagged).map((i) => i.rule))
    for (const rule of row.mustFire) {
      fireWanted++
      if (flagged.has(rule)) fired++
      else misses.push(`${rule} ⟵ ${row.title}`)
    }
    for (const rule of row.mustNotFire) {
      quietWanted++
      if (flagged.has(rule)) {
        falseFired++
        falseFires.push(`${rule} ⟵ ${row.title} (${report.issues.find((i) => i.rule === rule)?.match ?? ''})`)
      }
    }
  }
  return { recall: fired / fireWanted, falseFireRate: falseFired / quietWanted, fireWanted, quietWanted, misses, falseFires }
}

describe('labelled title set (test/fixtures/titles.jsonl)', () => {
  const m = measure()

  it('has at least 150 titles, 40 of them clean', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150)
    const clean = rows.filter((r) => r.mustFire.length === 0 && SIX.every((id) => r.mustNotFire.includes(id)))
    expect(clean.length).toBeGreaterThanOrEqual(40)
  })

  it('finds at least 95% of the problems it must flag, and wrongly flags at most 2%', () => {
    console.log(
      `title set: ${rows.length} titles; recall ${(m.recall * 100).toFixed(1)}% of ${m.fireWanted} must-fire; ` +
        `false-fire ${(m.falseFireRate * 100).toFixed(2)}% of ${m.quietWanted} must-not-fire`,
    )
    if (m.misses.length) console.log(`missed:\n  ${m.misses.join('\n  ')}`)
    if (m.falseFires.length) console.log(`false fires:\n  ${m.falseFires.join('\n  ')}`)
    expect(m.recall).toBeGreaterThanOrEqual(0.95)
    expect(m.falseFireRate).toBeLessThanOrEqual(0.02)
  })
})
