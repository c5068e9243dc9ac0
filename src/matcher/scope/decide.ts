// The scope decision on top of the similarity scores: help and small talk first, then "is this about
// another platform", then "does it ask what the knowledge does not cover", then the confidence gate.
// How the weights were calibrated: ../README.md.
import type { Clause } from './clauses'
import { otherPlatformSubject } from './platforms'
import { quotePhrase } from './quote'
import type { CoverageCheck } from './uncovered'
import type { Decision } from '../types'

export interface Similarity {
  best: number
  runnerUp: number
  /** how well the knowledge's off-topic examples match */
  outOfScope: number
  /** the scope model's probability that the question is off-topic (0 without one) */
  learnedOutOfScope: number
}

/** Calibrated on the tuning sets (see README.md). */
export const SCOPE_GATE = {
  /** the best intent's score must reach this, after the penalty below */
  threshold: 0.15,
  /** …and beat the runner-up by this much */
  margin: 0.01,
  /** …and beat the off-topic examples, unless it is at least this strong after the penalty */
  strongAnswer: 0.35,
  /** an uncovered 小红书 term or everyday subject that the question mentions without asking about it */
  backgroundPenalty: 0.3,
  /** the scope model's off-topic probability from which a question is not answered */
  learnedRefusal: 0.85,
  /** …and that probability, times this, is taken off the best score before the threshold */
  learnedPenalty: 0.3,
}

export type ScopeGate = typeof SCOPE_GATE

export function decideScope(clauses: Clause[], sim: Similarity, covers: CoverageCheck, g: ScopeGate = SCOPE_GATE): Decision {
  const platform = otherPlatformSubject(clauses)
  if (platform) return { kind: 'other-platform', platform }
  const unc = covers(clauses)
  // Asking about an everyday subject, about a feature the answers never mention, or how to operate the app:
  // nothing in the knowledge answers that, however similar the words.
  if (unc.everydayAsked !== undefined) return uncovered(clauses, unc.everydayAsked, false)
  const asked = unc.productAsked ?? unc.asks
  if (asked !== undefined) return uncovered(clauses, asked, true)
  const learned = sim.learnedOutOfScope
  const adjusted = sim.best - (unc.product !== undefined || unc.everyday !== undefined ? g.backgroundPenalty : 0)
  const clear = (sim.best - sim.outOfScope > 0 || adjusted >= g.strongAnswer) && learned < g.learnedRefusal
  if (adjusted - g.learnedPenalty * learned >= g.threshold && sim.best - sim.runnerUp >= g.margin && clear) return { kind: 'answered' }
  if (unc.everyday !== undefined) return uncovered(clauses, unc.everyday, false)
  if (unc.product !== undefined) return uncovered(clauses, unc.product, true)
  return { kind: 'low-confidence' }
}

function uncovered(clauses: Clause[], term: string, nearMiss: boolean): Decision {
  return { kind: 'uncovered', term, phrase: quotePhrase(clauses, term), nearMiss }
}

export function describeDecision(d: Decision): string {
  switch (d.kind) {
    case 'answered': return 'answered'
    case 'help': return 'help'
    case 'smalltalk': return 'smalltalk'
    case 'other-platform': return `other platform: ${d.platform}`
    case 'uncovered': return `uncovered: ${d.term}`
    case 'low-confidence': return 'low confidence'
  }
}
