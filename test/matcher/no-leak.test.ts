// A measurement means nothing if the question is in the knowledge: no labelled question (tuning or held out)
// may equal a knowledge phrasing or off-topic example, or a question of the training corpus (knowledge/training/,
// which trains the weights), after normalisation.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { loadTrainingCorpus } from '../../src/cli/training-corpus'
import { HELD_OUT_SETS, loadLabelled, TUNING_SETS } from '../helpers/labelled'

const knowledge = loadKnowledge()
const matcher = getMatcher(knowledge)
const known = new Set([...knowledge.intents.flatMap((i) => i.phrasings), ...(knowledge.outOfScope ?? [])].map((p) => matcher.canonical(p)))
const trained = new Set(loadTrainingCorpus().map((q) => matcher.canonical(q.text)))

describe.each([...TUNING_SETS, ...HELD_OUT_SETS])('%s', (file) => {
  it('shares no question with the knowledge file', () => {
    const leaked = loadLabelled(file).filter((q) => known.has(matcher.canonical(q.text)))
    expect(leaked.length).toBe(0)
  })

  it('shares no question with the training corpus', () => {
    // only the count: a collision is dropped from the training file, never looked up in the labelled set
    expect(loadLabelled(file).filter((q) => trained.has(matcher.canonical(q.text))).length).toBe(0)
  })
})
