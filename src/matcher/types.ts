// What the matcher needs from the knowledge and what it answers. The matcher sits below the knowledge
// layer, so it declares the shape it reads instead of importing the knowledge schema.

/** One topic as the matcher reads it (the knowledge file's intents have this shape and more). */
export interface MatcherIntent {
  id: string
  title: string
  keywords: readonly string[]
  phrasings: readonly string[]
}

export interface MatcherKnowledge {
  /** canonical term → variants users type instead */
  synonyms: Readonly<Record<string, readonly string[]>>
  /** questions that must get the fallback */
  outOfScope?: readonly string[]
  intents: readonly MatcherIntent[]
}

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
