// The confidence gate: answer only when the best intent is clearly good enough; a wrong
// confident answer costs more than an honest fallback.

export interface Gate {
  /** The best intent's score must reach this (0..1). */
  threshold: number
  /** …and beat the runner-up intent by at least this much. */
  margin: number
  /** …and beat the out-of-scope examples by at least this much, */
  outOfScopeMargin: number
  /** …unless it is at least this strong: a clear in-scope match is not vetoed by one similar off-topic example. */
  strongAnswer?: number
}

// Started from Rasa's FallbackClassifier defaults (0.3 / 0.1); on this matcher's cosine-style scores
// those rejected a third of the right answers. Calibrated on the labelled sets: most off-topic
// questions are caught by the out-of-scope examples, so the threshold and margin can be low.
export const DEFAULT_GATE: Gate = { threshold: 0.15, margin: 0.01, outOfScopeMargin: 0, strongAnswer: 0.35 }

export function decide(gate: Gate, best: number, runnerUp: number, outOfScope: number): boolean {
  const clearOfOutOfScope = best - outOfScope > gate.outOfScopeMargin || best >= (gate.strongAnswer ?? Infinity)
  return best >= gate.threshold && best - runnerUp >= gate.margin && clearOfOutOfScope
}
