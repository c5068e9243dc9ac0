// The learned scope model: is a question one the knowledge answers at all? A binary logistic regression over the
// same question vectors as the topic model, trained at build time on the phrasings and keyword rows (answerable),
// the knowledge's out-of-scope examples (not) and the training corpus (knowledge/training/: both, as labelled). It
// weighs whether to answer (scope/decide.ts); the topic model, which also trains on the corpus, says which topic.
import { trainLinear, type LinearTraining, type TrainingRows } from './linear-model'

/**
 * One weight per feature: the question's off-topic probability is σ(Σ x·w) (two-class softmax, so w is the difference
 * of the two classes' weights; computed in score.ts, in the topic model's pass over the question). `outOfScope`: the
 * out-of-scope class's index in the rows' labels.
 */
export function trainScopeModel(opts: LinearTraining, featureCount: number, outOfScope: number, docs: TrainingRows, keywords: TrainingRows, extra: TrainingRows, rowKeys: Float64Array): Float64Array {
  const binary = (rows: TrainingRows): TrainingRows => ({ ...rows, label: Int32Array.from(rows.label as Int32Array, (c) => (c >= outOfScope ? 1 : 0)) })
  const answerable = { ...keywords, label: new Int32Array(keywords.start.length - 1) }
  const W = trainLinear(opts, featureCount, 2, binary(docs), answerable, rowKeys, binary(extra))
  const w = new Float64Array(featureCount)
  for (let f = 0; f < featureCount; f++) w[f] = (W[2 * f + 1] as number) - (W[2 * f] as number)
  return w
}
