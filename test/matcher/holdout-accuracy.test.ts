// The held-out sets: written by people who saw neither the knowledge file nor the tuning sets, and never used
// to choose anything (no phrasing, word list or threshold was picked by looking at them or at their scores).
// questions-holdout.jsonl is the older set (in-scope / off-topic); questions-holdout-2.jsonl is the blind set
// with kinds (in-scope, uncovered-xhs, other-platform, everyday, smalltalk). They estimate how the bot does on
// questions nobody here has seen.
//
// The target is the tuning sets' bar, in-scope top-1 ≥ 0.97 and off-topic fallback ≥ 0.95. Measured once at the
// end of each round of work, never in between (README, "Measured figures"):
// - the round that built the scope decision: questions-holdout 0.959 / 1.000, questions-holdout-2 0.958 / 0.854;
// - the round that added question shapes and categories (tuned on questions-3.jsonl): questions-holdout
//   0.952 / 1.000, questions-holdout-2 0.951 / 0.938 (uncovered 小红书 52/56, other platform 30/31, everyday
//   29/31, small talk 24/26).
// - the round tuned on questions-4.jsonl (a fourth blind tuning set, first look 0.929 / 0.867): questions-holdout
//   0.952 / 1.000, questions-holdout-2 0.958 / 0.931. questions-holdout-3.jsonl (written blind in the same round
//   by someone who saw neither questions-4 nor the knowledge; 451 questions: of the 456 written, 5 happened to
//   equal a knowledge phrasing or off-topic example and were dropped from the set, not from the knowledge) was
//   first measured with the code before that round, 0.950 / 0.879 (all 456), and after it, 0.943 / 0.907
//   (uncovered 小红书 60/72, other platform 37/37, everyday 35/37, small talk 24/26).
// - the round that added the blind training corpus (knowledge/training/, 2,746 questions in three folds) and trained
//   the topic model and a scope model on it, choosing by cross-validation on the corpus's folds, not by these sets:
//   questions-holdout 0.952 → 0.963 / 1.000, questions-holdout-2 0.958 / 0.931 → 0.944 / 0.993,
//   questions-holdout-3 0.943 / 0.907 → 0.943 / 0.983. questions-holdout-4.jsonl (new: written blind in that round
//   from the same brief as the corpus, by a writer who saw neither it nor the knowledge; 422 questions: of the 460
//   written, 36 equalled a question of an older labelled set and 2 a knowledge phrasing, dropped from the set) was
//   first measured with the code before the round, 0.952 / 0.894, and after it, 0.956 / 0.976.
// - the round that added a fourth fold to the corpus (knowledge/training/*-d.jsonl: 1,257 questions from three more
//   blind writers; chosen because it lifted cross-validation, not by these sets): questions-holdout 0.967 / 1.000 →
//   0.959 / 0.981, questions-holdout-2 0.944 / 0.993 → 0.958 / 0.986, questions-holdout-3 0.943 / 0.983 →
//   0.946 / 0.983, questions-holdout-4 0.956 / 0.976 → 0.976 / 0.971; on all four, in-scope 900 → 906 of 944 and
//   off-topic 531 → 528 of 539.
// Off-topic meets the target on every held-out set; in-scope does not. Each floor is the measured level (the target where it
// is met), so that a regression shows; raising them needs a fresh blind set, not more tuning against this one.
import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { HELD_OUT_SETS, loadLabelled } from '../helpers/labelled'
import { accuracy, rate, report } from './accuracy'

const matcher = getMatcher(loadKnowledge())
const TARGET = { inScope: 0.97, offTopic: 0.95 }
const FLOOR: Record<(typeof HELD_OUT_SETS)[number], { inScope: number; offTopic: number }> = {
  'questions-holdout.jsonl': { inScope: 0.955, offTopic: 0.95 },
  'questions-holdout-2.jsonl': { inScope: 0.955, offTopic: 0.95 },
  'questions-holdout-3.jsonl': { inScope: 0.94, offTopic: 0.95 },
  'questions-holdout-4.jsonl': TARGET,
}

describe.each(HELD_OUT_SETS)('matcher on the held-out set %s (never used for tuning)', (file) => {
  const a = accuracy(matcher, loadLabelled(file))

  it('stays at or above its floor (printed against the 0.97 / 0.95 target)', () => {
    const met = rate(a.inScope) >= TARGET.inScope && rate(a.offTopic) >= TARGET.offTopic
    console.log(`${report(`${file} (held out)`, a)}; target ${TARGET.inScope} / ${TARGET.offTopic} ${met ? 'met' : 'not met'}`)
    expect(rate(a.inScope)).toBeGreaterThanOrEqual(FLOOR[file].inScope)
    expect(rate(a.offTopic)).toBeGreaterThanOrEqual(FLOOR[file].offTopic)
  })
})
