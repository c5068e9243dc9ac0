// The index built once per knowledge object: phrasing vectors (BM25 idf × feature-kind weight, unit length),
// intent centroids, postings for both, and the linear model. Flat typed arrays throughout: a Worker isolate
// pays this on its first question.
import { buildLexicon, collectFeatureKeys, DOMAIN_LEXICON, FeatureKeys, KIND_BASE, WordIds, type Lexicon } from './features'
import { IdTable } from './id-table'
import { trainLinear } from './linear-model'
import { normalizeText, synonymRewriter, type SynonymRewriter } from './normalize'
import { grow, normalizeRange, SparseRows, toPostings, type Postings } from './sparse-rows'
import { TUNING } from './tuning'
import type { MatcherKnowledge } from './types'

/** Internal pseudo-intent for the knowledge file's `outOfScope` examples. */
const OUT_OF_SCOPE = '\u0000out-of-scope'

export interface Index {
  rewrite: SynonymRewriter
  lexicon: Lexicon
  /** feature key → id; ids below `seenFeatures` occur in some document, the rest only in keywords */
  featureIds: IdTable
  words: WordIds
  seenFeatures: number
  /** weight of each feature kind (see features.ts), for features the index has never seen */
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
  /** linear model weights, feature-major (featureCount × intentCount) */
  linear: Float64Array
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

export function buildIndex(knowledge: MatcherKnowledge): Index {
  const rewrite = synonymRewriter(knowledge.synonyms)
  const lexiconTerms: string[] = [...DOMAIN_LEXICON]
  for (const canonical of Object.keys(knowledge.synonyms)) lexiconTerms.push(normalizeText(canonical))
  for (const intent of knowledge.intents) for (const k of intent.keywords) lexiconTerms.push(rewrite(normalizeText(k)))
  const generic = new Set<string>(TUNING.genericTerms)
  const lexicon = buildLexicon(lexiconTerms.filter((t) => !generic.has(t)))
  const weightOfKind = Float64Array.from(TUNING.featureWeights)

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
    collectFeatureKeys(canonical, lexicon, words, true, keys)
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
        kindWeight[id] = weightOfKind[Math.floor(key / KIND_BASE)] as number
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
        sums[f]! += TUNING.keywordDocWeight * (kwW[j] as number)
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
    rewrite,
    lexicon,
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
    linear: trainLinear({ epochs: TUNING.linearEpochs, rate: TUNING.linearRate }, featureCount, intentCount,
      { start: docStart, feat: docFeat, x: docW, label: docIntent }, { start: kwStart, feat: kw.feat, x: kwW }, rowKeys),
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
