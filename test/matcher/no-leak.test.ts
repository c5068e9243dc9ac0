// A measurement means nothing if the question is in the knowledge: no labelled question (tuning or held out)
// may equal a knowledge phrasing or off-topic example, after normalisation.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { HELD_OUT_SETS, loadLabelled, TUNING_SETS } from '../helpers/labelled'

const knowledge = loadKnowledge()
const matcher = getMatcher(knowledge)
const known = new Set([...knowledge.intents.flatMap((i) => i.phrasings), ...(knowledge.outOfScope ?? [])].map((p) => matcher.canonical(p)))

describe.each([...TUNING_SETS, ...HELD_OUT_SETS])('%s', (file) => {
  it('shares no question with the knowledge file', () => {
    const leaked = loadLabelled(file).filter((q) => known.has(matcher.canonical(q.text)))
    expect(leaked.length).toBe(0)
  })
})
