// Question → intent. TF-IDF (BM25 idf) over character n-grams + domain lexicon, scored two ways
// per intent (nearest phrasing and intent centroid), then a confidence gate. Runs on Workers.
import type { MatcherCorpus as Knowledge } from './corpus'
import { buildLexicon, collectFeatureKeys, DOMAIN_LEXICON, FeatureKeys, WordIds, type FeatureOptions, type Lexicon } from './features'
import { IdTable } from './id-table'
import { normalizeText, synonymRewriter, type SynonymRewriter } from './normalize'
import { decide, DEFAULT_GATE, type Gate } from './gate'
import { softmax, trainLinear } from './linear-model'

export interface Candidate {
  intent: string
  score: number
}

export interface MatchResult {
  /** The answered intent, or null for the fallback. */
  intent: string | null
  /** Confidence of the best in-scope candidate, 0..1. */
  score: number
  /** Best first, at most 3, in-scope intents only. */
  candidates: Candidate[]
}

export interface MatchOptions {
  /** Ignore knowledge phrasings identical to the text (lint: "would this phrasing be found without itself?"). */
  ignoreIdentical?: boolean
}

export interface Matcher {
  match(text: string, opts?: MatchOptions): MatchResult
  /** The canonical form the matcher sees (normalised + synonyms), for debugging and tests. */
  canonical(text: string): string
}

export interface Tuning {
  /** How much of an intent's score comes from its single closest phrasing vs. its centroid. */
  nearestShare: number
  /** Out-of-vocabulary query features count this much of a never-seen feature's idf: they dilute the match. */
  oovDamping: number
  /** Keywords join the intent centroid with this weight relative to one phrasing. */
  keywordDocWeight: number
  /** An intent's "nearest" score is the weighted mean of its k best phrasings (weights 1, decay, decay², …). */
  nearestK?: number
  nearestDecay?: number
  /** Share of the score from a logistic-regression model over the same vectors (0 = off; see linear-model.ts). */
  linearShare?: number
  /** SGD passes and step size; one pass with a large step was as good as twenty small ones and keeps the build fast. */
  linearEpochs?: number
  linearRate?: number
  linearTemperature?: number
  /** Train on each intent's keyword row as one more example. */
  linearKeywords?: boolean
  /** Average the model's weights over all training steps: far less sensitive to small edits of the knowledge file. */
  linearAveraged?: boolean
  /** nearestShare for the out-of-scope examples (they have no meaningful centroid); default nearestShare. */
  outOfScopeNearestShare?: number
  /** Weight per feature kind: Han unigram, Han bigram, ASCII word, lexicon term; trigram and skip-bigram (off when absent or 0). */
  featureWeights: Record<'u' | 'b' | 'w' | 'l', number> & Partial<Record<'t' | 's', number>>
  /** Lexicon terms too common to point at any intent (they still count as n-grams). */
  genericTerms: string[]
}

export const DEFAULT_TUNING: Tuning = {
  nearestShare: 0.6,
  oovDamping: 0.6,
  keywordDocWeight: 1.5,
  featureWeights: { u: 0.3, b: 1, w: 1, l: 1.6 },
  genericTerms: ['小红书'],
  linearShare: 0.5,
  linearEpochs: 3,
  linearRate: 8,
  linearKeywords: true,
  linearAveraged: true,
}

/** Internal pseudo-intent for the knowledge file's `outOfScope` examples. */
const OUT_OF_SCOPE = '\u0000out-of-scope'

/** Postings of every feature in one block (CSR): entries of feature f are offsets[f] .. offsets[f + 1]. */
interface Postings {
  offsets: Int32Array
  ids: Int32Array
  weights: Float32Array
}

interface Index {
  tuning: Tuning
  rewrite: SynonymRewriter
  lexicon: Lexicon
  featureOptions: FeatureOptions
  /** feature key → id; ids below `seenFeatures` occur in some document, the rest only in keywords */
  featureIds: IdTable
  words: WordIds
  seenFeatures: number
  /** weight of each feature kind (see featureKind), for features the index has never seen */
  weightOfKind: Float64Array
  idf: Float64Array
  oovIdf: number
  intentIds: string[]
  /** intent index of each document (phrasing) */
  docIntent: Int32Array
  /** canonical text → ids of the documents with exactly that text */
  docsByText: Map<string, number[]>
  docPostings: Postings
  centroidPostings: Postings
  outOfScopeIntent: number
  /** linear model weights, feature-major (featureCount × intentCount), or null when off */
  linear: Float64Array | null
  /** per-question scratch, reused: questions are scored one at a time */
  scratch: QueryScratch
}

interface QueryScratch {
  keys: FeatureKeys
  /** per feature id, 1 + its position among the question's features (0: absent) */
  position: Int32Array
  /** question features the index does not know → their dense number */
  unknown: IdTable
  unknownPosition: number[]
  /** per document similarity, zeroed before each question */
  docScores: Float64Array
}

/** Scales `w[from..to)` to unit length in place. */
function normalizeRange(w: Float64Array, from: number, to: number): void {
  let sum = 0
  for (let j = from; j < to; j++) sum += (w[j] as number) * (w[j] as number)
  const norm = Math.sqrt(sum) || 1
  for (let j = from; j < to; j++) w[j] = (w[j] as number) / norm
}

/** Sparse rows (row r: feats/weights[start[r] .. start[r + 1]]) turned into per-feature postings of row ids. */
function toPostings(featureCount: number, start: ArrayLike<number>, feats: ArrayLike<number>, weights: ArrayLike<number>, nnz: number): Postings {
  const rows = start.length - 1
  const offsets = new Int32Array(featureCount + 1)
  for (let j = 0; j < nnz; j++) offsets[(feats[j] as number) + 1]!++
  for (let f = 0; f < featureCount; f++) offsets[f + 1]! += offsets[f] as number
  const fill = offsets.slice(0, featureCount)
  const ids = new Int32Array(nnz)
  const out = new Float32Array(nnz)
  for (let r = 0; r < rows; r++) {
    for (let j = start[r] as number; j < (start[r + 1] as number); j++) {
      const at = fill[feats[j] as number]!++
      ids[at] = r
      out[at] = weights[j] as number
    }
  }
  return { offsets, ids, weights: out }
}

/** Sparse rows being read: row r is feat/tf[start[r] .. start[r + 1]], features in first-seen order. */
class SparseRows {
  start: Int32Array
  rows = 0
  feat: Int32Array
  tf: Int32Array
  nnz = 0
  constructor(rows: number, nnz: number) {
    this.start = new Int32Array(rows + 1)
    this.feat = new Int32Array(nnz)
    this.tf = new Int32Array(nnz)
  }
  add(feat: number, tf: number): void {
    if (this.nnz === this.feat.length) {
      this.feat = grow(this.feat, this.nnz * 2)
      this.tf = grow(this.tf, this.nnz * 2)
    }
    this.feat[this.nnz] = feat
    this.tf[this.nnz++] = tf
  }
  endRow(): void {
    if (this.rows + 2 > this.start.length) this.start = grow(this.start, this.start.length * 2)
    this.start[++this.rows] = this.nnz
  }
  /** `start` cut to the rows read */
  starts(): Int32Array {
    return this.start.subarray(0, this.rows + 1)
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size)
  out.set(a.subarray(0, Math.min(a.length, size)))
  return out
}

const KIND_LETTERS = ['u', 'b', 'w', 'l', 't', 's'] as const

function buildIndex(knowledge: Knowledge, tuning: Tuning): Index {
  const rewrite = synonymRewriter(knowledge.synonyms)
  const lexiconTerms: string[] = [...DOMAIN_LEXICON]
  for (const canonical of Object.keys(knowledge.synonyms)) lexiconTerms.push(normalizeText(canonical))
  for (const intent of knowledge.intents) for (const k of intent.keywords) lexiconTerms.push(rewrite(normalizeText(k)))
  const generic = new Set(tuning.genericTerms)
  const lexicon = buildLexicon(lexiconTerms.filter((t) => !generic.has(t)))
  const featureOptions = featureOptionsOf(tuning)
  const weightOfKind = Float64Array.from(KIND_LETTERS, (k) => tuning.featureWeights[k] ?? 1)

  const intentIds = knowledge.intents.map((i) => i.id)
  const outOfScopeIntent = intentIds.length
  intentIds.push(OUT_OF_SCOPE)
  const intentCount = intentIds.length

  // Features are interned to dense ids so the build works on flat numeric arrays.
  const featureIds = new IdTable(16384)
  const words = new WordIds()
  const keys = new FeatureKeys()
  let kindWeight = new Float64Array(16384)
  // term frequencies of the row being read, by feature id; `rowFeatures` keeps first-seen order
  let tfOf: Int32Array = new Int32Array(16384)
  let rowFeatures = new Int32Array(256)
  /** Appends the features of canonical text as one sparse row. */
  const readRow = (canonical: string, rows: SparseRows) => {
    keys.length = 0
    collectFeatureKeys(canonical, lexicon, words, true, featureOptions, keys)
    if (rowFeatures.length < keys.length) rowFeatures = new Int32Array(keys.length * 2)
    let distinct = 0
    for (let k = 0; k < keys.length; k++) {
      const key = keys.keys[k] as number
      const known = featureIds.size
      const id = featureIds.intern(key)
      if (id === known) {
        if (id >= tfOf.length) {
          tfOf = grow(tfOf, tfOf.length * 2)
          const w = new Float64Array(kindWeight.length * 2)
          w.set(kindWeight)
          kindWeight = w
        }
        kindWeight[id] = weightOfKind[Math.floor(key / 2 ** 48)] as number
      }
      if (tfOf[id] === 0) rowFeatures[distinct++] = id
      tfOf[id]!++
    }
    for (let k = 0; k < distinct; k++) {
      const id = rowFeatures[k] as number
      rows.add(id, tfOf[id] as number)
      tfOf[id] = 0
    }
    rows.endRow()
  }

  const outOfScope = knowledge.outOfScope ?? []
  let docCount = outOfScope.length
  for (const intent of knowledge.intents) docCount += 1 + intent.phrasings.length
  const docs = new SparseRows(docCount, docCount * 32)
  const docIntent = new Int32Array(docCount)
  const rowKeys = new Float64Array(docCount + knowledge.intents.length)
  const docsByText = new Map<string, number[]>()
  let d = 0
  const addDoc = (intent: number, text: string) => {
    const canonical = rewrite(normalizeText(text))
    rowKeys[d] = fnv1a(`${intent}\u0000${canonical}`)
    const same = docsByText.get(canonical)
    if (same) same.push(d)
    else docsByText.set(canonical, [d])
    docIntent[d++] = intent
    readRow(canonical, docs)
  }
  knowledge.intents.forEach((intent, i) => {
    addDoc(i, intent.title)
    for (const p of intent.phrasings) addDoc(i, p)
  })
  for (const p of outOfScope) addDoc(outOfScopeIntent, p)
  const seenFeatures = featureIds.size

  // Keyword rows (one per intent), read after the documents so keyword-only features get the last ids.
  const kw = new SparseRows(knowledge.intents.length, 1024)
  knowledge.intents.forEach((intent, i) => {
    readRow(rewrite(normalizeText(intent.keywords.join(' '))), kw)
    rowKeys[docCount + i] = fnv1a(`\u0001${intent.id}`)
  })
  const featureCount = featureIds.size
  const docStart = docs.starts()
  const docFeat = docs.feat
  const kwStart = kw.starts()

  const df = new Int32Array(seenFeatures)
  for (let j = 0; j < docs.nnz; j++) df[docFeat[j] as number]!++
  const n = docCount
  const oovIdf = Math.log(1 + (n + 0.5) / 0.5)
  const idf = new Float64Array(featureCount).fill(oovIdf)
  for (let f = 0; f < seenFeatures; f++) idf[f] = Math.log(1 + (n - (df[f] as number) + 0.5) / ((df[f] as number) + 0.5))

  const weighRows = (rows: SparseRows) => {
    const w = new Float64Array(rows.nnz)
    for (let j = 0; j < rows.nnz; j++) {
      const f = rows.feat[j] as number
      w[j] = (1 + Math.log(rows.tf[j] as number)) * (idf[f] as number) * (kindWeight[f] as number)
    }
    for (let r = 0; r < rows.rows; r++) normalizeRange(w, rows.start[r] as number, rows.start[r + 1] as number)
    return w
  }
  const docW = weighRows(docs)
  const kwW = weighRows(kw)

  // Centroids, one intent at a time in a dense scratch row (documents come grouped by intent);
  // `touched` keeps the intent's features in first-seen order so the sums match one map per intent.
  const sums = new Float64Array(featureCount)
  const touched = new Int32Array(featureCount)
  const centroids = new SparseRows(intentCount, docs.nnz)
  const cW = new Float64Array(docs.nnz + kw.nnz)
  let touchedCount = 0
  d = 0
  for (let i = 0; i < intentCount; i++) {
    for (; d < n && docIntent[d] === i; d++) {
      for (let j = docStart[d] as number; j < (docStart[d + 1] as number); j++) {
        const f = docFeat[j] as number
        if (sums[f] === 0) touched[touchedCount++] = f
        sums[f]! += docW[j] as number
      }
    }
    if (i < knowledge.intents.length) {
      for (let j = kwStart[i] as number; j < (kwStart[i + 1] as number); j++) {
        const f = kw.feat[j] as number
        if (sums[f] === 0) touched[touchedCount++] = f
        sums[f]! += tuning.keywordDocWeight * (kwW[j] as number)
      }
    }
    let sum = 0
    for (let t = 0; t < touchedCount; t++) sum += (sums[touched[t] as number] as number) * (sums[touched[t] as number] as number)
    const norm = Math.sqrt(sum) || 1
    for (let t = 0; t < touchedCount; t++) {
      const f = touched[t] as number
      cW[centroids.nnz] = (sums[f] as number) / norm
      centroids.add(f, 0)
      sums[f] = 0
    }
    touchedCount = 0
    centroids.endRow()
  }

  return {
    tuning,
    rewrite,
    lexicon,
    featureOptions,
    featureIds,
    words,
    seenFeatures,
    weightOfKind,
    idf,
    oovIdf,
    intentIds,
    docIntent,
    docsByText,
    docPostings: toPostings(featureCount, docStart, docFeat, docW, docs.nnz),
    centroidPostings: toPostings(featureCount, centroids.starts(), centroids.feat, cW, centroids.nnz),
    linear: (tuning.linearShare ?? 0) > 0
      ? trainLinear({ epochs: tuning.linearEpochs ?? 1, rate: tuning.linearRate ?? 8, keywords: tuning.linearKeywords === true, averaged: tuning.linearAveraged === true },
        featureCount, intentCount, { start: docStart, feat: docFeat, x: docW, label: docIntent }, { start: kwStart, feat: kw.feat, x: kwW }, rowKeys)
      : null,
    outOfScopeIntent,
    scratch: { keys: new FeatureKeys(), position: new Int32Array(featureCount), unknown: new IdTable(64), unknownPosition: [], docScores: new Float64Array(docCount) },
  }
}

/** 32-bit FNV-1a: a stable per-row key, so the training order of a row does not depend on its neighbours. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function featureOptionsOf(tuning: Tuning): FeatureOptions {
  return { trigrams: (tuning.featureWeights.t ?? 0) > 0, skipBigrams: (tuning.featureWeights.s ?? 0) > 0 }
}

/** Per intent, the decay-weighted mean of its k best document scores. */
function nearestScores(docScores: Float64Array, docIntent: Int32Array, intentCount: number, k: number, decay: number): Float64Array {
  const nearest = new Float64Array(intentCount)
  if (k <= 1) {
    for (let d = 0; d < docScores.length; d++) {
      const i = docIntent[d] as number
      if ((docScores[d] as number) > (nearest[i] as number)) nearest[i] = docScores[d] as number
    }
    return nearest
  }
  const top = new Float64Array(intentCount * k) // per intent, best first
  for (let d = 0; d < docScores.length; d++) {
    const s = docScores[d] as number
    const base = (docIntent[d] as number) * k
    if (s <= (top[base + k - 1] as number)) continue
    let j = base + k - 1
    while (j > base && (top[j - 1] as number) < s) {
      top[j] = top[j - 1] as number
      j--
    }
    top[j] = s
  }
  let weightSum = 0
  for (let j = 0, w = 1; j < k; j++, w *= decay) weightSum += w
  for (let i = 0; i < intentCount; i++) {
    let sum = 0
    for (let j = 0, w = 1; j < k; j++, w *= decay) sum += w * (top[i * k + j] as number)
    nearest[i] = sum / weightSum
  }
  return nearest
}

/** Per-intent scores (0..1) for canonical text. */
function scoreIntents(index: Index, canonical: string, ignoreIdentical = false): Float64Array {
  const tuning = index.tuning
  const { keys, position, unknown, unknownPosition } = index.scratch
  keys.length = 0
  collectFeatureKeys(canonical, index.lexicon, index.words, false, index.featureOptions, keys)
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
    const idf = id < 0 || id >= index.seenFeatures ? index.oovIdf * tuning.oovDamping : (index.idf[id] as number)
    const kindWeight = index.weightOfKind[Math.floor((qKey[j] as number) / 2 ** 48)] as number
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
  if (index.linear && !identical) {
    const W = index.linear
    const z = new Float64Array(intentCount)
    for (let j = 0; j < k; j++) {
      const f = qFeat[j] as number
      if (f < 0) continue
      const qw = qW[j] as number
      for (let i = 0; i < intentCount; i++) z[i]! += qw * (W[f * intentCount + i] as number)
    }
    linear = softmax(z, tuning.linearTemperature ?? 1)
  }
  const nearest = nearestScores(docScores, index.docIntent, intentCount, tuning.nearestK ?? 1, tuning.nearestDecay ?? 1)
  const scores = new Float64Array(intentCount)
  for (let i = 0; i < intentCount; i++) {
    const share = i === index.outOfScopeIntent ? (tuning.outOfScopeNearestShare ?? tuning.nearestShare) : tuning.nearestShare
    scores[i] = Math.min(1, share * (nearest[i] as number) + (1 - share) * (centroidScores[i] as number))
    if (linear) scores[i] = (1 - (tuning.linearShare ?? 0)) * (scores[i] as number) + (tuning.linearShare ?? 0) * (linear[i] as number)
  }
  return scores
}

const round = (x: number) => Math.round(x * 1000) / 1000

export function createMatcher(knowledge: Knowledge, gate: Gate = DEFAULT_GATE, tuning: Tuning = DEFAULT_TUNING): Matcher {
  const index = buildIndex(knowledge, tuning)
  const canonical = (text: string) => index.rewrite(normalizeText(text))
  return {
    canonical,
    match(text: string, opts: MatchOptions = {}): MatchResult {
      const scores = scoreIntents(index, canonical(text), opts.ignoreIdentical)
      const ranked: Candidate[] = []
      for (let i = 0; i < index.outOfScopeIntent; i++) {
        ranked.push({ intent: index.intentIds[i] as string, score: scores[i] as number })
      }
      ranked.sort((a, b) => b.score - a.score)
      const best = ranked[0]
      const runnerUp = ranked[1]?.score ?? 0
      const outOfScope = scores[index.outOfScopeIntent] as number
      const accepted = best !== undefined && decide(gate, best.score, runnerUp, outOfScope)
      return {
        intent: accepted ? best.intent : null,
        score: round(best?.score ?? 0),
        candidates: ranked.slice(0, 3).filter((c) => c.score > 0).map((c) => ({ intent: c.intent, score: round(c.score) })),
      }
    },
  }
}

const cache = new WeakMap<Knowledge, Matcher>()
/** The matcher for this knowledge object, built once (index build is the expensive part). */
export function getMatcher(knowledge: Knowledge): Matcher {
  let m = cache.get(knowledge)
  if (!m) {
    m = createMatcher(knowledge)
    cache.set(knowledge, m)
  }
  return m
}
