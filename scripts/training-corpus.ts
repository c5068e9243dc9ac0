// Reads the training corpus, knowledge/training/*.jsonl (what it is: knowledge/README.md), for the build
// (scripts/artifacts.ts), the calibration script and the tests. Node only: a Worker carries the weights it gave.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseTrainingFile, type TrainingQuestion } from '../src/matcher/training'

export const TRAINING_DIR = fileURLToPath(new URL('../knowledge/training/', import.meta.url))

/** The files' questions in file-name order. */
export function loadTrainingFiles(paths: readonly string[]): TrainingQuestion[] {
  return paths.flatMap((p) => parseTrainingFile(readFileSync(p, 'utf8'), p))
}

/** Every *.jsonl file of the training directory (or of `dir`). */
export function loadTrainingCorpus(dir = TRAINING_DIR): TrainingQuestion[] {
  return loadTrainingFiles(trainingFiles(dir))
}

export function trainingFiles(dir = TRAINING_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f))
}
