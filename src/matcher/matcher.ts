// Question → intent. TF-IDF (BM25 idf) over character n-grams + domain lexicon, scored two ways per intent
// (nearest phrasing and intent centroid) and blended with a small linear model, then a confidence gate.
// How it decides and where each constant came from: README.md. Runs on Workers.
import { buildIndex } from './build-index'
import { decide, DEFAULT_GATE } from './gate'
import { normalizeText } from './normalize'
import { scoreIntents } from './score'
import type { Candidate, Matcher, MatcherKnowledge, MatchOptions, MatchResult } from './types'

export type { Candidate, Matcher, MatcherIntent, MatcherKnowledge, MatchOptions, MatchResult } from './types'

const round = (x: number) => Math.round(x * 1000) / 1000

export function createMatcher(knowledge: MatcherKnowledge): Matcher {
  const index = buildIndex(knowledge)
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
      const accepted = best !== undefined && decide(DEFAULT_GATE, best.score, runnerUp, outOfScope)
      return {
        intent: accepted ? best.intent : null,
        score: round(best?.score ?? 0),
        candidates: ranked.slice(0, 3).filter((c) => c.score > 0).map((c) => ({ intent: c.intent, score: round(c.score) })),
      }
    },
  }
}

const cache = new WeakMap<MatcherKnowledge, Matcher>()
/** The matcher for this knowledge object, built once (index build is the expensive part). */
export function getMatcher(knowledge: MatcherKnowledge): Matcher {
  let m = cache.get(knowledge)
  if (!m) {
    m = createMatcher(knowledge)
    cache.set(knowledge, m)
  }
  return m
}
