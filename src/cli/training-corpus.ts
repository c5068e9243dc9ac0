// Reads the training corpus, knowledge/training/*.jsonl (what it is: knowledge/README.md), for the build
// (scripts/artifacts.ts), the calibration script, the CLI and the tests. Node only: a Worker carries the weights it
// gave.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { indexFromArtifact } from '../matcher/artifact/decode'
import { INDEX_ARTIFACT } from '../matcher/artifact/index-artifact'
import { buildIndex } from '../matcher/build-index'
import { createMatcher, type Matcher, type MatcherKnowledge } from '../matcher/matcher'
import { parseTrainingFile, type TrainingQuestion } from '../matcher/training'

export const TRAINING_DIR = fileURLToPath(new URL('../../knowledge/training/', import.meta.url))

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

/**
 * The matcher the deployed bot would have for this knowledge: the artifact's when it was built from it, else trained
 * as `npm run artifacts` trains, with the training corpus (a Worker that retrains has no corpus; the operator's tools
 * judge an edit by the model the next build ships).
 */
export function matcherAsBuilt(knowledge: MatcherKnowledge): Matcher {
  return createMatcher(knowledge, indexFromArtifact(knowledge, INDEX_ARTIFACT) ?? buildIndex(knowledge, (corpus ??= loadTrainingCorpus())))
}
let corpus: TrainingQuestion[] | undefined
