// The learned scope model: is a question one the knowledge answers at all? A binary logistic regression over the
// same question vectors as the topic model, trained at build time on the phrasings and keyword rows (answerable),
// the knowledge's out-of-scope examples and the training corpus (knowledge/training/: both). The topic model is left
// as it was (trained on the knowledge alone), so which topic answers does not move; this model only says whether to.
import { trainLinear, type LinearTraining, type TrainingRows } from './linear-model'

/**
 * One weight per feature: the question's off-topic probability is σ(Σ x·w). `outOfScope`: the first class index that
 * is off-topic (the out-of-scope class and the corpus's off-topic kinds after it).
 */
export function trainScopeModel(opts: LinearTraining, featureCount: number, outOfScope: number, docs: TrainingRows, keywords: TrainingRows, extra: TrainingRows, rowKeys: Float64Array): Float64Array {
  const binary = (rows: TrainingRows): TrainingRows => ({ ...rows, label: Int32Array.from(rows.label as Int32Array, (c) => (c >= outOfScope ? 1 : 0)) })
  const answerable = { ...keywords, label: new Int32Array(keywords.start.length - 1) }
  const W = trainLinear(opts, featureCount, 2, binary(docs), answerable, rowKeys, binary(extra))
  const w = new Float64Array(featureCount)
  for (let f = 0; f < featureCount; f++) w[f] = (W[2 * f + 1] as number) - (W[2 * f] as number)
  return w
}

/** The off-topic probability of a question vector (features `feat`, weights `x`, the first `n`). */
export function offTopicProbability(w: Float64Array, feat: Int32Array, x: Float64Array, n: number): number {
  let z = 0
  for (let j = 0; j < n; j++) {
    const f = feat[j] as number
    if (f >= 0) z += (x[j] as number) * (w[f] as number)
  }
  return 1 / (1 + Math.exp(-z))
}
