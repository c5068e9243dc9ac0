// Per-intent similarity of one question: nearest phrasing and centroid cosine over the index's postings,
// blended with the linear model's probabilities.
import { collectFeatureKeys, KIND_BASE } from './features'
import type { Index } from './build-index'
import { softmax } from './linear-model'
import { normalizeRange } from './sparse-rows'
import { TUNING } from './tuning'

/** Per-intent scores (0..1) for canonical text; the last entry is the out-of-scope examples' score. */
export function scoreIntents(index: Index, canonical: string, ignoreIdentical = false): Float64Array {
  const { keys, position, unknown, unknownPosition } = index.scratch
  keys.length = 0
  collectFeatureKeys(canonical, index.lexicon, index.words, false, keys)
  // distinct features in first-seen order, with their counts
  const qFeat = new Int32Array(keys.length)
  const qKey = new Float64Array(keys.length)
  const qW = new Float64Array(keys.length)
  let k = 0
  for (let j = 0; j < keys.length; j++) {
    const key = keys.keys[j] as number
    const id = index.featureIds.get(key)
    let at: number
    if (id >= 0) {
      at = (position[id] as number) - 1
      if (at < 0) position[id] = k + 1
    } else {
      const u = unknown.intern(key)
      if (u === unknownPosition.length) {
        unknownPosition.push(k)
        at = -1
      } else at = unknownPosition[u] as number
    }
    if (at < 0) {
      qFeat[k] = id
      qKey[k] = key
      qW[k++] = 1
    } else qW[at]!++
  }
  for (let j = 0; j < k; j++) {
    const id = qFeat[j] as number
    if (id >= 0) position[id] = 0
    const idf = id < 0 || id >= index.seenFeatures ? index.oovIdf * TUNING.oovDamping : (index.idf[id] as number)
    const kindWeight = index.weightOfKind[Math.floor((qKey[j] as number) / KIND_BASE)] as number
    qW[j] = (1 + Math.log(qW[j] as number)) * idf * kindWeight
  }
  unknown.clear()
  unknownPosition.length = 0
  normalizeRange(qW, 0, k)
  const docScores = index.scratch.docScores.fill(0)
  const intentCount = index.intentIds.length
  const centroidScores = new Float64Array(intentCount)
  const dp = index.docPostings
  const cp = index.centroidPostings
  for (let j = 0; j < k; j++) {
    const f = qFeat[j] as number
    if (f < 0) continue
    const qw = qW[j] as number
    for (let p = dp.offsets[f] as number; p < (dp.offsets[f + 1] as number); p++) docScores[dp.ids[p] as number]! += qw * (dp.weights[p] as number)
    for (let p = cp.offsets[f] as number; p < (cp.offsets[f + 1] as number); p++) centroidScores[cp.ids[p] as number]! += qw * (cp.weights[p] as number)
  }
  const identical = ignoreIdentical ? index.docsByText.get(canonical) : undefined
  if (identical) for (const d of identical) docScores[d] = 0
  let linear: Float64Array | null = null
  // The linear model was trained on the identical phrasing and cannot forget it: judge by similarity alone.
  if (!identical) {
    const W = index.linear
    const z = new Float64Array(intentCount)
    for (let j = 0; j < k; j++) {
      const f = qFeat[j] as number
      if (f < 0) continue
      const qw = qW[j] as number
      for (let i = 0; i < intentCount; i++) z[i]! += qw * (W[f * intentCount + i] as number)
    }
    linear = softmax(z)
  }
  const nearest = new Float64Array(intentCount)
  for (let d = 0; d < docScores.length; d++) {
    const i = index.docIntent[d] as number
    if ((docScores[d] as number) > (nearest[i] as number)) nearest[i] = docScores[d] as number
  }
  const share = TUNING.nearestShare
  const scores = new Float64Array(intentCount)
  for (let i = 0; i < intentCount; i++) {
    scores[i] = Math.min(1, share * (nearest[i] as number) + (1 - share) * (centroidScores[i] as number))
    if (linear) scores[i] = (1 - TUNING.linearShare) * (scores[i] as number) + TUNING.linearShare * (linear[i] as number)
  }
  return scores
}
