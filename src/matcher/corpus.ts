// The knowledge's text read into sparse rows of feature counts: one row per phrasing (titles and out-of-scope
// examples included) and one per intent's keywords. This is the text-processing part of the index build
// (normalisation, synonyms, n-grams); the build-time artifact (artifact/) stores its result so that a fresh
// isolate skips it.
import { buildLexicon, collectFeatureKeys, DOMAIN_LEXICON, FeatureKeys, KIND_BASE, WordIds, type Lexicon } from './features'
import { IdTable } from './id-table'
import { normalizeText, synonymRewriter, type SynonymRewriter } from './normalize'
import { grow, SparseRows } from './sparse-rows'
import { TUNING } from './tuning'
import type { MatcherKnowledge } from './types'

/** Internal pseudo-intent for the knowledge file's `outOfScope` examples. */
export const OUT_OF_SCOPE = '\u0000out-of-scope'

/** Row r is feat/tf[start[r] .. start[r + 1]], features in first-seen order. */
export interface CountRows {
  start: Int32Array
  feat: Int32Array
  tf: Int32Array
}

export interface Corpus {
  /** feature id → key (kind · KIND_BASE + payload, see features.ts), ids in first-seen order */
  featureKeys: Float64Array
  /** ASCII words in first-seen order (a word feature's payload is its index here) */
  wordNames: string[]
  /** features with an id below this occur in some document; the rest only in keywords */
  seenFeatures: number
  docs: CountRows
  /** intent index of each document */
  docIntent: Int32Array
  /** one row per intent */
  keywords: CountRows
  /** the key → id table and the words as read, when the corpus was read here (the index reuses them) */
  read?: { featureIds: IdTable; words: WordIds }
}

/** What both the build and the artifact's loader derive from the knowledge alone (cheap: no phrasing is read). */
export interface Vocabulary {
  rewrite: SynonymRewriter
  lexicon: Lexicon
  intentIds: string[]
  outOfScopeIntent: number
}

export function vocabulary(knowledge: MatcherKnowledge): Vocabulary {
  const rewrite = synonymRewriter(knowledge.synonyms)
  const lexiconTerms: string[] = [...DOMAIN_LEXICON]
  for (const canonical of Object.keys(knowledge.synonyms)) lexiconTerms.push(normalizeText(canonical))
  for (const intent of knowledge.intents) for (const k of intent.keywords) lexiconTerms.push(rewrite(normalizeText(k)))
  const generic = new Set<string>(TUNING.genericTerms)
  const lexicon = buildLexicon(lexiconTerms.filter((t) => !generic.has(t)))
  const intentIds = knowledge.intents.map((i) => i.id)
  const outOfScopeIntent = intentIds.length
  intentIds.push(OUT_OF_SCOPE)
  return { rewrite, lexicon, intentIds, outOfScopeIntent }
}

/** Every document's canonical text, in document order (titles, phrasings, then the out-of-scope examples). */
export function documentTexts(knowledge: MatcherKnowledge, rewrite: SynonymRewriter): string[] {
  const out: string[] = []
  for (const intent of knowledge.intents) {
    out.push(rewrite(normalizeText(intent.title)))
    for (const p of intent.phrasings) out.push(rewrite(normalizeText(p)))
  }
  for (const p of knowledge.outOfScope ?? []) out.push(rewrite(normalizeText(p)))
  return out
}

export function readCorpus(knowledge: MatcherKnowledge, { rewrite, lexicon }: Vocabulary, texts = documentTexts(knowledge, rewrite)): Corpus {
  // Features are interned to dense ids so the build works on flat numeric arrays.
  const featureIds = new IdTable(16384)
  let featureKeys = new Float64Array(16384)
  const words = new WordIds()
  const keys = new FeatureKeys()
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
          const grown = new Float64Array(featureKeys.length * 2)
          grown.set(featureKeys)
          featureKeys = grown
        }
        featureKeys[id] = key
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

  const docs = new SparseRows(texts.length, texts.length * 32)
  const docIntent = new Int32Array(texts.length)
  let d = 0
  knowledge.intents.forEach((intent, i) => {
    for (let p = 0; p <= intent.phrasings.length; p++) docIntent[d++] = i
  })
  docIntent.fill(knowledge.intents.length, d)
  for (const text of texts) readRow(text, docs)
  const seenFeatures = featureIds.size

  // Keyword rows (one per intent), read after the documents so keyword-only features get the last ids.
  const kw = new SparseRows(knowledge.intents.length, 1024)
  for (const intent of knowledge.intents) readRow(rewrite(normalizeText(intent.keywords.join(' '))), kw)
  return {
    featureKeys: featureKeys.slice(0, featureIds.size),
    wordNames: words.names,
    seenFeatures,
    docs: { start: docs.starts(), feat: docs.feat.subarray(0, docs.nnz), tf: docs.tf.subarray(0, docs.nnz) },
    docIntent,
    keywords: { start: kw.starts(), feat: kw.feat.subarray(0, kw.nnz), tf: kw.tf.subarray(0, kw.nnz) },
    read: { featureIds, words },
  }
}

/**
 * A stable key per training row (documents, keyword rows, then the training corpus's questions), so training order
 * does not depend on neighbours.
 */
export function trainingRowKeys(knowledge: MatcherKnowledge, texts: string[], docIntent: Int32Array, extra?: { texts: string[]; labels: Int32Array }): Float64Array {
  const n = texts.length + knowledge.intents.length
  const keys = new Float64Array(n + (extra?.texts.length ?? 0))
  texts.forEach((t, d) => (keys[d] = fnv1a(`${docIntent[d]}\u0000${t}`)))
  knowledge.intents.forEach((intent, i) => (keys[texts.length + i] = fnv1a(`\u0001${intent.id}`)))
  extra?.texts.forEach((t, q) => (keys[n + q] = fnv1a(`\u0002${extra.labels[q]}\u0000${t}`)))
  return keys
}

/** 32-bit FNV-1a. */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * A fingerprint of a long text (the knowledge's JSON): FNV-1a from two seeds, computed in one pass, and the length,
 * in base 36. Changing this changes every stored fingerprint: the artifacts must then be regenerated.
 */
export function contentHash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193)
  }
  return `${(a >>> 0).toString(36)}-${(b >>> 0).toString(36)}-${text.length.toString(36)}`
}

export const kindOf = (key: number) => Math.floor(key / KIND_BASE)
