// How the taught overlay compares a question with a taught phrasing, using the matcher's own normalisation
// (normalizeText + the knowledge's synonyms) and features. Deliberately conservative: a taught phrasing
// overrides the matcher, so it claims only questions that are the same words, give or take order and particles.
import { buildLexicon, extractFeatures } from '../matcher/features'
import type { Knowledge } from '../knowledge/knowledge'
import { normalizeText, synonymRewriter } from '../matcher/normalize'

export interface Shape {
  canonical: string
  /** The content characters and ASCII words (particles and very common characters left out), sorted and joined. */
  content: string
  /** Han bigrams that touch no particle. */
  bigrams: Set<string>
}

/** Dice overlap of bigrams a near match needs on top of the same content; calibrated in test/teach/shape.test.ts. */
export const NEAR_BIGRAM_OVERLAP = 0.5

const noLexicon = buildLexicon([])
const rewriters = new WeakMap<Knowledge, (text: string) => string>()

/** The canonical form the matcher would see (normalised, synonyms rewritten). */
export function canonicalFor(knowledge: Knowledge): (text: string) => string {
  let canonical = rewriters.get(knowledge)
  if (!canonical) {
    const rewrite = synonymRewriter(knowledge.synonyms)
    canonical = (text: string) => rewrite(normalizeText(text))
    rewriters.set(knowledge, canonical)
  }
  return canonical
}

export function shapeOf(canonical: string): Shape {
  const content: string[] = []
  const bigrams = new Set<string>()
  for (const name of extractFeatures(canonical, noLexicon).keys()) {
    if (name.startsWith('b:')) bigrams.add(name.slice(2))
    else if (name.startsWith('u:') || name.startsWith('w:')) content.push(name)
  }
  return { canonical, content: content.sort().join(' '), bigrams }
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 1
  let common = 0
  for (const x of a) if (b.has(x)) common++
  return (2 * common) / (a.size + b.size)
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
