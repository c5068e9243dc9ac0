// The held-out sets: written by people who saw neither the knowledge file nor the tuning sets, and never used
// to choose anything (no phrasing, word list or threshold was picked by looking at them or at their scores).
// questions-holdout.jsonl is the older set (in-scope / off-topic); questions-holdout-2.jsonl is the blind set
// with kinds (in-scope, uncovered-xhs, other-platform, everyday, smalltalk). They estimate how the bot does on
// questions nobody here has seen.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { HELD_OUT_SETS, loadLabelled } from '../helpers/labelled'
import { accuracy, rate, report } from './accuracy'

const matcher = getMatcher(loadKnowledge())

describe.each(HELD_OUT_SETS)('matcher on the held-out set %s (never used for tuning)', (file) => {
  const a = accuracy(matcher, loadLabelled(file))

  it('answers at least 97% of the in-scope questions with the labelled intent and falls back on at least 95% of the rest', () => {
    console.log(report(`${file} (held out)`, a))
    expect(rate(a.inScope)).toBeGreaterThanOrEqual(0.97)
    expect(rate(a.offTopic)).toBeGreaterThanOrEqual(0.95)
  })
})
