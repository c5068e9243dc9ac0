import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { loadLabelled } from '../helpers/labelled'

const questions = loadLabelled('questions.jsonl')

const knowledge = loadKnowledge()
const matcher = getMatcher(knowledge)
const inScope = questions.filter((q) => q.intent !== null)
const offTopic = questions.filter((q) => q.intent === null)

describe('matcher accuracy on the labelled questions (written independently of the knowledge file)', () => {
  it('has a usable test set', () => {
    expect(inScope.length).toBeGreaterThan(100)
    expect(offTopic.length).toBeGreaterThan(30)
  })

  it('never sees a test question verbatim among the knowledge phrasings', () => {
    const phrasings = new Set(knowledge.intents.flatMap((i) => i.phrasings.map((p) => matcher.canonical(p))))
    const leaked = questions.filter((q) => phrasings.has(matcher.canonical(q.text))).map((q) => q.text)
    expect(leaked).toEqual([])
  })

  it('answers at least 92% of the in-scope questions with the labelled intent', () => {
    const right = inScope.filter((q) => matcher.match(q.text).intent === q.intent).length
    const accuracy = right / inScope.length
    console.log(`in-scope top-1 accuracy: ${right}/${inScope.length} = ${accuracy.toFixed(3)}`)
    expect(accuracy).toBeGreaterThanOrEqual(0.92)
  })

  it('falls back on at least 90% of the off-topic questions', () => {
    const fellBack = offTopic.filter((q) => matcher.match(q.text).intent === null).length
    const rate = fellBack / offTopic.length
    console.log(`off-topic fallback rate: ${fellBack}/${offTopic.length} = ${rate.toFixed(3)}`)
    expect(rate).toBeGreaterThanOrEqual(0.9)
  })
})
