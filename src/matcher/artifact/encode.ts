// Writes the artifact (format.ts) from a full index build: trains the models as buildIndex does and quantises their
// weights. Used by scripts/artifacts.ts and by the test that checks the committed artifact is current.
import { indexFromCorpus, trainingInputs } from '../build-index'
import type { TrainingRows } from '../linear-model'
import type { TrainingQuestion } from '../training'
import type { MatcherKnowledge } from '../types'
import { ARTIFACT_FORMAT, compand, featureKeysHash, fingerprint, forEachEntry, singleRowOf, type IndexArtifact } from './format'

/** int8 codes of `values` with one scale: the largest magnitude maps to ±127. */
function quantise(values: ArrayLike<number>, scales: number[], codes: number[]) {
  let max = 0
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] as number))
  const scale = Math.fround(max / 127)
  scales.push(scale)
  for (let i = 0; i < values.length; i++) codes.push(scale > 0 ? Math.round((values[i] as number) / scale) : 0)
}

/** `training`: the training corpus (knowledge/training/), for the scope model; without it the artifact has none. */
export function encodeIndexArtifact(knowledge: MatcherKnowledge, training: readonly TrainingQuestion[] = []): IndexArtifact {
  const { vocab, corpus, targets, train } = trainingInputs(knowledge, training)
  let rows: { docs: TrainingRows; keywords: TrainingRows } | undefined
  const index = indexFromCorpus(knowledge, vocab, corpus, (docs, keywords, featureCount, intentCount, extra) => {
    rows = { docs, keywords }
    return train(docs, keywords, featureCount, intentCount, extra)
  }, targets)
  const { docs, keywords } = rows!
  const W = index.linear.weights
  const C = vocab.intentIds.length
  const F = corpus.featureKeys.length
  const rowCount = docs.start.length - 1 + keywords.start.length - 1
  const single = singleRowOf(F, docs, keywords)
  // H of a row: W / x of its single-row feature with the largest x (any of them gives the same vector)
  const H = new Float64Array(rowCount * C)
  const bestX = new Float64Array(rowCount)
  forEachEntry(docs, keywords, (r, f, x) => {
    if (single[f] !== r || Math.abs(x) <= (bestX[r] as number)) return
    bestX[r] = Math.abs(x)
    for (let i = 0; i < C; i++) H[r * C + i] = (W[f * C + i] as number) / x
  })
  const rowScales: number[] = []
  const rowCodes: number[] = []
  for (let r = 0; r < rowCount; r++) quantise(H.subarray(r * C, (r + 1) * C), rowScales, rowCodes)
  const featureScales: number[] = []
  const featureCodes: number[] = []
  for (let f = 0; f < F; f++) if (single[f] === -1) quantise(W.subarray(f * C, (f + 1) * C), featureScales, featureCodes)

  const scope = index.scope ?? new Float64Array(0)
  let scopeMax = 0
  for (const w of scope) scopeMax = Math.max(scopeMax, Math.abs(w))
  const scopeScale = Math.fround(scopeMax)
  const scopeCodes = Array.from(scope, (w) => compand(w, scopeScale))

  const words = [ARTIFACT_FORMAT, F, C, rowCount, featureScales.length, featureKeysHash(corpus.featureKeys), scope.length]
  const size = 4 * words.length + pad(4 * rowCount) + pad(rowCodes.length) + pad(4 * featureScales.length) + pad(featureCodes.length) + 4 + pad(scopeCodes.length)
  const bytes = new Uint8Array(size)
  const view = new DataView(bytes.buffer)
  let at = 0
  for (const w of words) (view.setUint32(at, w, true), (at += 4))
  const f32s = (xs: number[]) => {
    for (const x of xs) (view.setFloat32(at, x, true), (at += 4))
  }
  const i8s = (xs: number[]) => {
    for (const x of xs) view.setInt8(at++, x)
    at = pad(at)
  }
  f32s(rowScales)
  i8s(rowCodes)
  f32s(featureScales)
  i8s(featureCodes)
  f32s([scopeScale])
  i8s(scopeCodes)
  return { fingerprint: fingerprint(knowledge), data: toBase64(bytes) }
}

const pad = (n: number) => n + ((4 - (n % 4)) % 4)

function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}
