// How the taught overlay compares a question with a taught phrasing, using the matcher's own normalisation
// (normalizeText + the knowledge's synonyms) and features. Deliberately conservative: a taught phrasing
// overrides the matcher, so it claims only questions that are the same words, give or take order and particles.
import { buildLexicon, collectFeatureKeys, FeatureKeys, KIND_BASE, WordIds } from '../matcher/features'
import type { Knowledge } from '../knowledge/knowledge'
import { normalizeText, synonymRewriter } from '../matcher/normalize'
import { fnv1a } from '../matcher/corpus'

export interface Shape {
  canonical: string
  /** The content characters and ASCII words (particles and very common characters left out), sorted and joined. */
  content: string
  /** Han bigrams that touch no particle, each once (an array: loading 200 taught phrasings builds no sets). */
  bigrams: readonly string[]
}

/** A shape as stored beside a taught phrasing, so loading the overlay costs a JSON parse, not a normalisation. */
export interface StoredShape {
  /** fingerprint of the synonyms it was computed with: a redeploy that changes them invalidates it */
  syn: string
  canonical: string
  content: string
  bigrams: string[]
}

/** Dice overlap of bigrams a near match needs on top of the same content; calibrated in test/teach/shape.test.ts. */
export const NEAR_BIGRAM_OVERLAP = 0.5

const noLexicon = buildLexicon([])
const rewriters = new WeakMap<Knowledge, { canonical: (text: string) => string; fingerprint: string }>()

function forKnowledge(knowledge: Knowledge) {
  let r = rewriters.get(knowledge)
  if (!r) {
    const rewrite = synonymRewriter(knowledge.synonyms)
    r = { canonical: (text: string) => rewrite(normalizeText(text)), fingerprint: fnv1a(JSON.stringify(knowledge.synonyms)).toString(36) }
    rewriters.set(knowledge, r)
  }
  return r
}

/** The canonical form the matcher would see (normalised, synonyms rewritten). */
export function canonicalFor(knowledge: Knowledge): (text: string) => string {
  return forKnowledge(knowledge).canonical
}

// Feature kinds as src/matcher/features.ts numbers them (kind · KIND_BASE + payload).
const UNIGRAM = 0
const BIGRAM = 1
const WORD = 2
const keys = new FeatureKeys()

/** The matcher's features of canonical text, spelled out (u:字, w:word, bigrams as two characters) so they can be stored. */
export function shapeOf(canonical: string): Shape {
  const words = new WordIds()
  keys.length = 0
  collectFeatureKeys(canonical, noLexicon, words, true, keys)
  const content = new Set<string>()
  const bigrams = new Set<string>()
  for (let k = 0; k < keys.length; k++) {
    const key = keys.keys[k] as number
    const kind = Math.floor(key / KIND_BASE)
    const payload = key - kind * KIND_BASE
    if (kind === UNIGRAM) content.add(`u:${String.fromCharCode(payload)}`)
    else if (kind === WORD) content.add(`w:${words.names[payload]}`)
    else if (kind === BIGRAM) bigrams.add(String.fromCharCode(Math.floor(payload / 0x10000), payload % 0x10000))
  }
  return { canonical, content: [...content].sort().join(' '), bigrams: [...bigrams] }
}

export function storeShape(knowledge: Knowledge, text: string): StoredShape {
  const shape = shapeOf(canonicalFor(knowledge)(text))
  return { syn: forKnowledge(knowledge).fingerprint, canonical: shape.canonical, content: shape.content, bigrams: [...shape.bigrams] }
}

/** The stored shape when it was computed with these synonyms, else a fresh one. */
export function loadShape(knowledge: Knowledge, text: string, stored: StoredShape | undefined): Shape {
  if (stored && stored.syn === forKnowledge(knowledge).fingerprint && Array.isArray(stored.bigrams)) {
    return { canonical: stored.canonical, content: stored.content, bigrams: stored.bigrams }
  }
  return shapeOf(canonicalFor(knowledge)(text))
}

/** Dice overlap of two lists of distinct bigrams. */
function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1
  const inA = new Set(a)
  let common = 0
  for (const x of b) if (inA.has(x)) common++
  return (2 * common) / (a.length + b.length)
}

/**
 * 1 for the same canonical text; otherwise the bigram overlap when both have the same content and enough of it
 * (at least two content units) and the overlap clears NEAR_BIGRAM_OVERLAP; else 0.
 */
export function nearness(question: Shape, taught: Shape): number {
  if (question.canonical === taught.canonical) return 1
  if (question.content !== taught.content || !question.content.includes(' ')) return 0
  const d = dice(question.bigrams, taught.bigrams)
  return d >= NEAR_BIGRAM_OVERLAP ? d : 0
}
