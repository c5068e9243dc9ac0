// Builds the index with the artifact's weights (format.ts) instead of training: the knowledge's text is still read
// (corpus.ts), the model is not trained. Only for the knowledge it was built from (same fingerprint).
import { readCorpus, vocabulary } from '../corpus'
import { indexFromCorpus, type Index } from '../build-index'
import type { MatcherKnowledge } from '../types'
import { ARTIFACT_FORMAT, expand, featureKeysHash, fingerprint, singleRowOf, type IndexArtifact } from './format'

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
  const index = indexFromCorpus(knowledge, vocab, corpus, (docs, keywords, featureCount, intentCount) => {
    const W = new Float64Array(featureCount * intentCount)
    const single = singleRowOf(featureCount, docs, keywords)
    if (featureCount !== F || docs.start.length - 1 + keywords.start.length - 1 !== rowCount || (scopeCount !== 0 && scopeCount !== F)) {
      mismatch = true
      return { linear: W, scope: null }
    }
    // one flat loop per row set (no callback: this runs cold, once per isolate)
    let r = 0
    for (const rows of [docs, keywords]) {
      const { start, feat, x } = rows
      for (let i = 0; i + 1 < start.length; i++, r++) {
        const base = r * C
        const rs = rowScale[r] as number
        for (let j = start[i] as number; j < (start[i + 1] as number); j++) {
          const f = feat[j] as number
          if (single[f] !== r) continue
          const scale = (x[j] as number) * rs
          const out = f * C
          for (let c = 0; c < C; c++) W[out + c] = scale * (rowCode[base + c] as number)
        }
      }
    }
    let s = 0
    for (let f = 0; f < featureCount && s <= shared; f++) {
      if (single[f] !== -1) continue
      if (s < shared) {
        const scale = featureScale[s] as number
        for (let c = 0; c < C; c++) W[f * C + c] = scale * (featureCode[s * C + c] as number)
      }
      s++
    }
    if (s !== shared) mismatch = true
    let scope: Float64Array | null = null
    if (scopeCount > 0) {
      scope = new Float64Array(scopeCount)
      for (let f = 0; f < scopeCount; f++) scope[f] = expand(scopeCode[f] as number, scopeScale)
    }
    return { linear: W, scope }
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
