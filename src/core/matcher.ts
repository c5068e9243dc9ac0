// Question → intent. TF-IDF (BM25 idf) over character n-grams + domain lexicon, scored two ways
// per intent (nearest phrasing and intent centroid), then a confidence gate. Runs on Workers.
import type { Knowledge } from './knowledge'
import { buildLexicon, DOMAIN_LEXICON, extractFeatures, type FeatureKind, type Lexicon } from './features'
import { normalizeText, synonymRewriter, type SynonymRewriter } from './normalize'
import { decide, DEFAULT_GATE, type Gate } from './gate'

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
  /** Weight per feature kind: Han unigram, Han bigram, ASCII word, lexicon term. */
  featureWeights: Record<FeatureKind, number>
  /** Lexicon terms too common to point at any intent (they still count as n-grams). */
  genericTerms: string[]
}

export const DEFAULT_TUNING: Tuning = {
  nearestShare: 0.6,
  oovDamping: 0.6,
  keywordDocWeight: 1.5,
  featureWeights: { u: 0.3, b: 1, w: 1, l: 1.6 },
  genericTerms: ['小红书'],
}

/** Internal pseudo-intent for the knowledge file's `outOfScope` examples. */
const OUT_OF_SCOPE = '\u0000out-of-scope'

interface Postings {
  ids: Int32Array
  weights: Float32Array
}

interface Index {
  tuning: Tuning
  rewrite: SynonymRewriter
  lexicon: Lexicon
  idf: Map<string, number>
  oovIdf: number
  intentIds: string[]
  /** intent index of each document (phrasing) */
  docIntent: Int32Array
  /** canonical text → ids of the documents with exactly that text */
  docsByText: Map<string, number[]>
  docPostings: Map<string, Postings>
  centroidPostings: Map<string, Postings>
  outOfScopeIntent: number
}

type Vector = Map<string, number>

function normalizeVector(v: Vector): Vector {
  let sum = 0
  for (const x of v.values()) sum += x * x
  const norm = Math.sqrt(sum) || 1
  for (const [k, x] of v) v.set(k, x / norm)
  return v
}

function weigh(tf: Map<string, number>, idfOf: (f: string) => number, weights: Record<FeatureKind, number>): Vector {
  const v: Vector = new Map()
  for (const [f, n] of tf) v.set(f, (1 + Math.log(n)) * idfOf(f) * (weights[f[0] as FeatureKind] ?? 1))
  return v
}

function toPostings(lists: Map<string, { id: number; w: number }[]>): Map<string, Postings> {
  const out = new Map<string, Postings>()
  for (const [f, list] of lists) {
    // plain loops: TypedArray.from with a map function is slow in V8, and this runs per feature
    const ids = new Int32Array(list.length)
    const weights = new Float32Array(list.length)
    for (let k = 0; k < list.length; k++) {
      ids[k] = (list[k] as { id: number }).id
      weights[k] = (list[k] as { w: number }).w
    }
    out.set(f, { ids, weights })
  }
  return out
}

function buildIndex(knowledge: Knowledge, tuning: Tuning): Index {
  const rewrite = synonymRewriter(knowledge.synonyms)
  const lexiconTerms: string[] = [...DOMAIN_LEXICON]
  for (const canonical of Object.keys(knowledge.synonyms)) lexiconTerms.push(normalizeText(canonical))
  for (const intent of knowledge.intents) for (const k of intent.keywords) lexiconTerms.push(rewrite(normalizeText(k)))
  const generic = new Set(tuning.genericTerms)
  const lexicon = buildLexicon(lexiconTerms.filter((t) => !generic.has(t)))
  const features = (text: string) => extractFeatures(rewrite(normalizeText(text)), lexicon)

  const intentIds = knowledge.intents.map((i) => i.id)
  const outOfScopeIntent = intentIds.length
  intentIds.push(OUT_OF_SCOPE)

  const docs: { intent: number; tf: Map<string, number> }[] = []
  const docsByText = new Map<string, number[]>()
  const addDoc = (intent: number, text: string) => {
    const canonical = rewrite(normalizeText(text))
    docsByText.set(canonical, [...(docsByText.get(canonical) ?? []), docs.length])
    docs.push({ intent, tf: extractFeatures(canonical, lexicon) })
  }
  knowledge.intents.forEach((intent, i) => {
    for (const p of [intent.title, ...intent.phrasings]) addDoc(i, p)
  })
  for (const p of knowledge.outOfScope ?? []) addDoc(outOfScopeIntent, p)

  const df = new Map<string, number>()
  for (const d of docs) for (const f of d.tf.keys()) df.set(f, (df.get(f) ?? 0) + 1)
  const n = docs.length
  const idf = new Map<string, number>()
  for (const [f, count] of df) idf.set(f, Math.log(1 + (n - count + 0.5) / (count + 0.5)))
  const oovIdf = Math.log(1 + (n + 0.5) / 0.5)
  const idfOf = (f: string) => idf.get(f) ?? oovIdf

  const docLists = new Map<string, { id: number; w: number }[]>()
  const centroids: Vector[] = intentIds.map(() => new Map())
  docs.forEach((d, id) => {
    const v = normalizeVector(weigh(d.tf, idfOf, tuning.featureWeights))
    const centroid = centroids[d.intent] as Vector
    for (const [f, w] of v) {
      const list = docLists.get(f) ?? []
      list.push({ id, w })
      docLists.set(f, list)
      centroid.set(f, (centroid.get(f) ?? 0) + w)
    }
  })
  knowledge.intents.forEach((intent, i) => {
    const v = normalizeVector(weigh(features(intent.keywords.join(' ')), idfOf, tuning.featureWeights))
    const centroid = centroids[i] as Vector
    for (const [f, w] of v) centroid.set(f, (centroid.get(f) ?? 0) + tuning.keywordDocWeight * w)
  })
  const centroidLists = new Map<string, { id: number; w: number }[]>()
  centroids.forEach((c, id) => {
    for (const [f, w] of normalizeVector(c)) {
      const list = centroidLists.get(f) ?? []
      list.push({ id, w })
      centroidLists.set(f, list)
    }
  })

  return {
    tuning,
    rewrite,
    lexicon,
    idf,
    oovIdf,
    intentIds,
    docIntent: Int32Array.from(docs, (d) => d.intent),
    docsByText,
    docPostings: toPostings(docLists),
    centroidPostings: toPostings(centroidLists),
    outOfScopeIntent,
  }
}

/** Per-intent scores (0..1) for canonical text. */
function scoreIntents(index: Index, canonical: string, ignoreIdentical = false): Float64Array {
  const tf = extractFeatures(canonical, index.lexicon)
  const q = normalizeVector(weigh(tf, (f) => index.idf.get(f) ?? index.oovIdf * index.tuning.oovDamping, index.tuning.featureWeights))
  const docScores = new Float64Array(index.docIntent.length)
  const intentCount = index.intentIds.length
  const centroidScores = new Float64Array(intentCount)
  for (const [f, qw] of q) {
    const docs = index.docPostings.get(f)
    if (docs) for (let k = 0; k < docs.ids.length; k++) docScores[docs.ids[k] as number]! += qw * (docs.weights[k] as number)
    const cents = index.centroidPostings.get(f)
    if (cents) for (let k = 0; k < cents.ids.length; k++) centroidScores[cents.ids[k] as number]! += qw * (cents.weights[k] as number)
  }
  if (ignoreIdentical) for (const d of index.docsByText.get(canonical) ?? []) docScores[d] = 0
  const nearest = new Float64Array(intentCount)
  for (let d = 0; d < docScores.length; d++) {
    const i = index.docIntent[d] as number
    if ((docScores[d] as number) > (nearest[i] as number)) nearest[i] = docScores[d] as number
  }
  const scores = new Float64Array(intentCount)
  for (let i = 0; i < intentCount; i++) {
    const share = index.tuning.nearestShare
    scores[i] = Math.min(1, share * (nearest[i] as number) + (1 - share) * (centroidScores[i] as number))
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
