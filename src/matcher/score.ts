// Per-intent similarity of one question: nearest phrasing and centroid cosine over the index's postings,
// blended with the linear model's probabilities.
import { collectFeatureKeys, KIND_BASE } from './features'
import type { Index } from './build-index'
import { softmax } from './linear-model'
import { normalizeRange } from './sparse-rows'
import { fitQuestion, scratchOf } from './score-scratch'
import { TUNING } from './tuning'

/**
 * Per-intent scores (0..1) for canonical text; the last entry is the out-of-scope examples' score. The array is
 * the index's own buffer, overwritten by the next question: read it before scoring another.
 */
export function scoreIntents(index: Index, canonical: string, ignoreIdentical = false): Float64Array {
  const { keys, position, unknown, unknownPosition } = index.scratch
  const scratch = scratchOf(index)
  keys.length = 0
  collectFeatureKeys(canonical, index.lexicon, index.words, false, keys)
  fitQuestion(scratch, keys.length)
  // distinct features in first-seen order, with their counts
  const { qFeat, qKey, qW, viaPhrase } = scratch
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
  // A phrase whose n-grams each occur once: their documents come from its merged postings (score-scratch.ts).
  const { phrases, phraseOn } = scratch
  for (let p = 0; p < phrases.length; p++) {
    const features = phrases[p]!.features
    let once = true
    for (let g = 0; g < features.length && once; g++) {
      const at = (position[features[g] as number] as number) - 1
      once = at >= 0 && qW[at] === 1
    }
    phraseOn[p] = once ? 1 : 0
    if (once) for (let g = 0; g < features.length; g++) viaPhrase[(position[features[g] as number] as number) - 1] = 1
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
  const norm = normalizeRange(qW, 0, k)
  const docScores = index.scratch.docScores.fill(0)
  const intentCount = index.intentIds.length
  const centroidScores = scratch.centroid.fill(0)
  const { offsets: dOff, ids: dIds, weights: dW } = index.docPostings
  const { offsets: cOff, ids: cIds, weights: cW } = index.centroidPostings
  for (let j = 0; j < k; j++) {
    const f = qFeat[j] as number
    if (f < 0) continue
    const qw = qW[j] as number
    if (viaPhrase[j]) viaPhrase[j] = 0
    else for (let p = dOff[f] as number, end = dOff[f + 1] as number; p < end; p++) docScores[dIds[p] as number]! += qw * (dW[p] as number)
    for (let p = cOff[f] as number, end = cOff[f + 1] as number; p < end; p++) centroidScores[cIds[p] as number]! += qw * (cW[p] as number)
  }
  for (let p = 0; p < phrases.length; p++) {
    if (!phraseOn[p]) continue
    const { docs, sums } = phrases[p]!
    const scale = 1 / norm
    for (let q = 0; q < docs.length; q++) docScores[docs[q] as number]! += (sums[q] as number) * scale
  }
  const identical = ignoreIdentical ? index.docsByText.get(canonical) : undefined
  if (identical) for (const d of identical) docScores[d] = 0
  let linear: Float64Array | null = null
  index.scratch.offTopic = 0
  // The linear model was trained on the identical phrasing and cannot forget it: judge by similarity alone.
  if (!identical) {
    const { weights: W, pending } = index.linear
    const z = scratch.z.fill(0)
    // the scope model (scope-model.ts) reads the same question vector, in the same pass
    const scope = index.scope
    let offTopic = 0
    for (let j = 0; j < k; j++) {
      const f = qFeat[j] as number
      if (f < 0) continue
      if (pending !== null && pending[f] === 1) index.linear.fill(f)
      const qw = qW[j] as number
      for (let i = 0, at = f * intentCount; i < intentCount; i++, at++) z[i]! += qw * (W[at] as number)
      if (scope !== null) offTopic += qw * (scope[f] as number)
    }
    linear = softmax(z, z)
    if (scope !== null) index.scratch.offTopic = 1 / (1 + Math.exp(-offTopic))
  }
  const share = TUNING.nearestShare
  const intentDocs = scratch.intentDocs
  const scores = scratch.scores
  for (let i = 0; i < intentCount; i++) {
    // the intent's single closest phrasing (0 when it shares nothing)
    let nearest = 0
    for (let d = intentDocs[i] as number, end = intentDocs[i + 1] as number; d < end; d++) {
      const s = docScores[d] as number
      nearest = s > nearest ? s : nearest
    }
    scores[i] = Math.min(1, share * nearest + (1 - share) * (centroidScores[i] as number))
    if (linear) scores[i] = (1 - TUNING.linearShare) * (scores[i] as number) + TUNING.linearShare * (linear[i] as number)
  }
  return scores
}
