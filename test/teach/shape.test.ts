// Calibrates the overlay's near match on aggregates: with every knowledge phrasing taught, the labelled questions
// that nearly match a taught phrasing must carry that phrasing's topic (or be off-topic when it is an off-topic example).
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { TaughtIndex } from '../../src/teach'
import { HELD_OUT_SETS, loadLabelled, TUNING_SETS } from '../helpers/labelled'

const knowledge = loadKnowledge()
const asTaught = knowledge.intents.flatMap((i) => i.phrasings.map((text) => ({ text, intent: i.id, at: '2024-01-01T00:00:00Z' })))
const index = new TaughtIndex(knowledge, asTaught)

describe('taught overlay near match', () => {
  it('is right whenever it claims a labelled question (every set together)', () => {
    const files = [...TUNING_SETS, ...HELD_OUT_SETS]
    const claimed = files.flatMap((file) =>
      loadLabelled(file).flatMap((q) => {
        const hit = index.match(q.text)
        return hit ? [{ label: q.intent, hit: hit.intent }] : []
      }),
    )
    const right = claimed.filter((c) => c.label === c.hit).length
    console.log(`overlay of all phrasings claims ${claimed.length} labelled questions, right on ${right}`)
    expect(claimed.length).toBeGreaterThan(10)
    expect(right / claimed.length).toBeGreaterThanOrEqual(0.97)
  })
})
