import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkTitle } from '../../src/title'
import { loadTitleSet, TITLE_SETS } from './labelled'

interface Verdict { suggestion: string; natural: boolean; why?: string }

// A reader who never saw the rules judged 100 rewrites (test/title/blind-sample.ts chose them) for
// whether a creator would post them as they are.
const verdicts: Verdict[] = readFileSync(new URL('../fixtures/suggestion-verdicts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Verdict)

describe('blind read of 100 rewrites (test/fixtures/suggestion-verdicts.jsonl)', () => {
  it('has at least 95 of 100 judged natural', () => {
    const natural = verdicts.filter((v) => v.natural).length
    console.log(`blind read: ${natural}/${verdicts.length} natural; not natural: ${verdicts.filter((v) => !v.natural).map((v) => `${v.suggestion} (${v.why ?? ''})`).join('; ')}`)
    expect(verdicts).toHaveLength(100)
    expect(natural).toBeGreaterThanOrEqual(95)
  })

  it('still describes the rewriter: every rewrite judged natural is still produced for its title', () => {
    const produced = new Set<string>()
    for (const file of [TITLE_SETS.existing, TITLE_SETS.tuning]) {
      for (const row of loadTitleSet(file)) {
        const first = checkTitle(row.title, { keywords: row.keywords }).suggestions[0]
        if (first) produced.add(first)
      }
    }
    const gone = verdicts.filter((v) => v.natural && !produced.has(v.suggestion)).map((v) => v.suggestion)
    expect(gone).toEqual([])
  })
})
