// Builds the index with the artifact's weights (format.ts) instead of training: the knowledge's text is still read
// (corpus.ts), the model is not trained. Only for the knowledge it was built from (same fingerprint).
import { readCorpus, vocabulary } from '../corpus'
import { indexFromCorpus, type Index, type LinearModel } from '../build-index'
import type { MatcherKnowledge } from '../types'
import { ARTIFACT_FORMAT, expand, featureKeysHash, fingerprint, type IndexArtifact } from './format'

/** The index with the artifact's weights, or null when the artifact was built from other knowledge or tuning. */
export function indexFromArtifact(knowledge: MatcherKnowledge, artifact: IndexArtifact): Index | null {
  if (artifact.fingerprint !== fingerprint(knowledge)) return null
  const bytes = fromBase64(artifact.data)
  const view = new DataView(bytes.buffer)
  const [format, F, C, rowCount, shared, keysHash, scopeCount] = [0, 4, 8, 12, 16, 20, 24].map((o) => view.getUint32(o, true)) as [number, number, number, number, number, number, number]
  const vocab = vocabulary(knowledge)
  if (format !== ARTIFACT_FORMAT || C !== vocab.intentIds.length) return null
  const corpus = readCorpus(knowledge, vocab)
  // features read by other code than the artifact's (same knowledge, changed matcher): train instead
  if (featureKeysHash(corpus.featureKeys) !== keysHash) return null
  let at = 28
  const section = <T>(make: (buf: ArrayBuffer, offset: number, n: number) => T, n: number, size: number): T => {
    const out = make(bytes.buffer, at, n)
    at += n * size
    at += (4 - (at % 4)) % 4
    return out
  }
  const f32 = (b: ArrayBuffer, o: number, n: number) => new Float32Array(b, o, n)
  const i8 = (b: ArrayBuffer, o: number, n: number) => new Int8Array(b, o, n)
  const rowScale = section(f32, rowCount, 4)
  const rowCode = section(i8, rowCount * C, 1)
  const featureScale = section(f32, shared, 4)
  const featureCode = section(i8, shared * C, 1)
  const scopeScale = section(f32, 1, 4)[0] as number
  const scopeCode = section(i8, scopeCount, 1)

  let mismatch = false
  const index = indexFromCorpus(knowledge, vocab, corpus, (docs, keywords, featureCount, intentCount): { linear: LinearModel; scope: Float64Array | null } => {
    const weights = new Float64Array(featureCount * intentCount)
    const pending = new Uint8Array(featureCount)
    if (featureCount !== F || docs.start.length - 1 + keywords.start.length - 1 !== rowCount || (scopeCount !== 0 && scopeCount !== F)) {
      mismatch = true
      return { linear: { weights, pending: null, fill() {} }, scope: null }
    }
    // Where each feature's weights come from, in one pass over the rows: the training row and entry of a feature
    // found in one row only, else its place among the features of several rows. The weights themselves are written
    // when a question first has the feature (most never occur in one): writing all of them was a fifth of start-up.
    const row = new Int32Array(featureCount).fill(-2)
    const entry = new Int32Array(featureCount)
    const docNnz = docs.feat.length
    let r = 0
    for (const [rows, base] of [[docs, 0], [keywords, docNnz]] as const) {
      const { start, feat } = rows
      for (let i = 0; i + 1 < start.length; i++, r++) {
        for (let j = start[i] as number; j < (start[i + 1] as number); j++) {
          const f = feat[j] as number
          if (row[f] === -2) {
            row[f] = r
            entry[f] = base + j
          } else row[f] = -1
        }
      }
    }
    let s = 0
    for (let f = 0; f < featureCount; f++) {
      if (row[f] === -2) row[f] = -1
      if (row[f] === -1) entry[f] = s++
    }
    if (s !== shared) mismatch = true
    let scope: Float64Array | null = null
    if (scopeCount > 0) {
      scope = new Float64Array(scopeCount)
      for (let f = 0; f < scopeCount; f++) scope[f] = expand(scopeCode[f] as number, scopeScale)
    }
    pending.fill(1)
    const C = intentCount
    const linear: LinearModel = {
      weights,
      pending,
      fill(f: number) {
        pending[f] = 0
        const out = f * C
        const rf = row[f] as number
        if (rf >= 0) {
          const e = entry[f] as number
          const x = (e < docNnz ? docs.x[e] : keywords.x[e - docNnz]) as number
          const scale = x * (rowScale[rf] as number)
          for (let c = 0; c < C; c++) weights[out + c] = scale * (rowCode[rf * C + c] as number)
        } else {
          const sf = entry[f] as number
          const scale = featureScale[sf] as number
          for (let c = 0; c < C; c++) weights[out + c] = scale * (featureCode[sf * C + c] as number)
        }
      },
    }
    return { linear, scope }
  })
  // rows that do not line up with the artifact's (the matcher's code changed since it was generated): train instead
  return mismatch ? null : index
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
