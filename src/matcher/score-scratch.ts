// What scoring keeps per index beside the index itself: reused per-question buffers, where each intent's documents
// are, and the platform name's postings folded into one list. Made on the first question, not at index build.
import { collectFeatureKeys, FeatureKeys, KIND_BASE } from './features'
import type { Index } from './build-index'
import { TUNING } from './tuning'

/**
 * The n-grams of one frequent phrase (小红书: the generic terms) merged into one posting list. The phrase is in
 * most questions and a third of the phrasings, and its five n-grams (小 红 书 小红 红书) were two thirds of all
 * posting entries a question walks. A question with each of them exactly once gives each the same weight before
 * normalising (idf × kind weight), so their sum per document is fixed: `sums[p]` for document `docs[p]`.
 */
export interface PhrasePostings {
  features: Int32Array
  docs: Int32Array
  sums: Float64Array
}

export interface ScoreScratch {
  qFeat: Int32Array
  qKey: Float64Array
  qW: Float64Array
  /** per question position: its documents are counted through `phrases` */
  viaPhrase: Uint8Array
  centroid: Float64Array
  z: Float64Array
  scores: Float64Array
  /** documents come grouped by intent: intent i's are intentDocs[i] .. intentDocs[i + 1] */
  intentDocs: Int32Array
  phrases: PhrasePostings[]
  /** per phrase: the question has each of its n-grams once */
  phraseOn: Uint8Array
}

const scratches = new WeakMap<Index, ScoreScratch>()

export function scratchOf(index: Index): ScoreScratch {
  let s = scratches.get(index)
  if (!s) {
    const intentCount = index.intentIds.length
    const phrases = TUNING.genericTerms.map((term) => phrasePostings(index, term)).filter((p) => p !== null)
    s = {
      qFeat: new Int32Array(64),
      qKey: new Float64Array(64),
      qW: new Float64Array(64),
      viaPhrase: new Uint8Array(64),
      centroid: new Float64Array(intentCount),
      z: new Float64Array(intentCount),
      scores: new Float64Array(intentCount),
      intentDocs: intentRuns(index.docIntent, intentCount),
      phrases,
      phraseOn: new Uint8Array(phrases.length),
    }
    scratches.set(index, s)
  }
  return s
}

/** Question buffers big enough for `features` distinct features. */
export function fitQuestion(s: ScoreScratch, features: number): void {
  if (s.qFeat.length >= features) return
  const n = features * 2
  s.qFeat = new Int32Array(n)
  s.qKey = new Float64Array(n)
  s.qW = new Float64Array(n)
  s.viaPhrase = new Uint8Array(n)
}

function intentRuns(docIntent: Int32Array, intentCount: number): Int32Array {
  const runs = new Int32Array(intentCount + 1)
  for (let d = 0; d < docIntent.length; d++) {
    if (d > 0 && (docIntent[d] as number) < (docIntent[d - 1] as number)) throw new Error('index documents are not grouped by intent')
    runs[(docIntent[d] as number) + 1] = d + 1
  }
  for (let i = 1; i <= intentCount; i++) runs[i] = Math.max(runs[i] as number, runs[i - 1] as number)
  return runs
}

function phrasePostings(index: Index, phrase: string): PhrasePostings | null {
  const keys = new FeatureKeys()
  collectFeatureKeys(phrase, index.lexicon, index.words, false, keys)
  const features: number[] = []
  for (let j = 0; j < keys.length; j++) {
    const key = keys.keys[j] as number
    const id = index.featureIds.get(key)
    // only n-grams every document may have, each once in the phrase
    if (id < 0 || id >= index.seenFeatures || features.includes(id)) return null
    features.push(id)
  }
  if (features.length < 2) return null
  const { offsets, ids, weights } = index.docPostings
  const sums = new Float64Array(index.docIntent.length)
  const seen = new Uint8Array(index.docIntent.length)
  for (let j = 0; j < features.length; j++) {
    const f = features[j] as number
    const raw = (index.idf[f] as number) * (index.weightOfKind[Math.floor((keys.keys[j] as number) / KIND_BASE)] as number)
    for (let p = offsets[f] as number; p < (offsets[f + 1] as number); p++) {
      sums[ids[p] as number]! += raw * (weights[p] as number)
      seen[ids[p] as number] = 1
    }
  }
  let count = 0
  for (let d = 0; d < seen.length; d++) count += seen[d] as number
  const docs = new Int32Array(count)
  const docSums = new Float64Array(count)
  for (let d = 0, q = 0; d < seen.length; d++) {
    if (!seen[d]) continue
    docs[q] = d
    docSums[q++] = sums[d] as number
  }
  return { features: Int32Array.from(features), docs, sums: docSums }
}
