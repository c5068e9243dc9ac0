import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export interface Labelled {
  text: string
  intent: string | null
  /** in-scope, uncovered-xhs, other-platform, everyday, smalltalk (the older sets: only in-scope / off-topic) */
  kind?: string
}

/** A labelled question set from test/fixtures (one JSON object a line). */
export function loadLabelled(file: string): Labelled[] {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled)
}

/**
 * The labelled question sets. Tuning sets may be used to calibrate, by aggregate; held-out sets are measured
 * only, never used to choose anything (not a phrasing, not a word list, not a threshold).
 */
export const TUNING_SETS = ['questions.jsonl', 'questions-2.jsonl', 'questions-3.jsonl', 'questions-4.jsonl'] as const
export const HELD_OUT_SETS = ['questions-holdout.jsonl', 'questions-holdout-2.jsonl', 'questions-holdout-3.jsonl', 'questions-holdout-4.jsonl'] as const
