// Pins the matcher's decisions to the `cli match --jsonl` output recorded before the matcher was cleaned up
// and split into files (test/fixtures/matcher-baseline/): a refactor must not move a single score.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'

const matcher = getMatcher(loadKnowledge())
const lines = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)), 'utf8').split('\n').filter((l) => l.trim())

describe.each(['questions', 'questions-holdout'])('decisions on %s.jsonl', (set) => {
  it('are byte-identical to the recorded baseline (intent, score, candidates)', () => {
    const recorded = lines(`matcher-baseline/${set}.out.jsonl`)
    const now = lines(`${set}.jsonl`).map((l) => {
      const input = JSON.parse(l) as { text: string }
      const { intent, score, candidates } = matcher.match(input.text)
      return JSON.stringify({ ...input, intent, score, candidates })
    })
    expect(now.length).toBe(recorded.length)
    const differing = now.filter((l, i) => l !== recorded[i])
    expect(differing).toEqual([])
  })
})
