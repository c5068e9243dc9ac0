// The confidence gate: answer only when the best intent is clearly good enough; a wrong
// confident answer costs more than an honest fallback.

export interface Gate {
  /** The best intent's score must reach this (0..1). */
  threshold: number
  /** …and beat the runner-up intent by at least this much. */
  margin: number
  /** …and beat the out-of-scope examples by at least this much. */
  outOfScopeMargin: number
}

// Started from Rasa's FallbackClassifier defaults (0.3 / 0.1) and calibrated on held-out questions.
export const DEFAULT_GATE: Gate = { threshold: 0.3, margin: 0.1, outOfScopeMargin: 0 }

export function decide(gate: Gate, best: number, runnerUp: number, outOfScope: number): boolean {
  return best >= gate.threshold && best - runnerUp >= gate.margin && best - outOfScope > gate.outOfScopeMargin
}
