// Question → intent. TF-IDF (BM25 idf) over character n-grams + domain lexicon, scored two ways per intent
// (nearest phrasing and intent centroid) and blended with a small linear model; then a scope decision that
// knows what the knowledge does not cover. How it decides and where each constant came from: README.md.
// Runs on Workers.
import { indexFromArtifact } from './artifact/decode'
import { INDEX_ARTIFACT } from './artifact/index-artifact'
import { buildIndex, type Index } from './build-index'
import { normalizeText } from './normalize'
import { scoreIntents } from './score'
import { splitClauses } from './scope/clauses'
import { decideScope, describeDecision } from './scope/decide'
import { isHelpRequest } from './scope/help-request'
import { smallTalkTopic } from './scope/small-talk'
import { coverageCheck } from './scope/uncovered'
import type { Candidate, Decision, Matcher, MatcherKnowledge, MatchOptions, MatchResult } from './types'

export type { Candidate, Decision, Matcher, MatcherIntent, MatcherKnowledge, MatchOptions, MatchResult, SmallTalkTopic } from './types'
export { isHelpRequest } from './scope/help-request'
export { smallTalkTopic } from './scope/small-talk'

const HELP = 'help'
const round = (x: number) => Math.round(x * 1000) / 1000

/** Everything the bot can say, canonical: a word found nowhere in it is not covered. */
function coveredText(knowledge: MatcherKnowledge, canonical: (s: string) => string): string {
  return canonical(knowledge.intents.map((i) => [i.title, i.answer ?? '', ...(i.points ?? []), i.followUp ?? ''].join(' ')).join(' '))
}

/** The index with the build-time artifact's weights when it was built from this knowledge (the bundled one), else trained. */
export function loadIndex(knowledge: MatcherKnowledge): Index {
  return indexFromArtifact(knowledge, INDEX_ARTIFACT) ?? buildIndex(knowledge)
}

export function createMatcher(knowledge: MatcherKnowledge, index: Index = loadIndex(knowledge)): Matcher {
  const canonical = (text: string) => index.rewrite(normalizeText(text))
  const covers = coverageCheck(coveredText(knowledge, canonical), canonical)
  const hasHelp = knowledge.intents.some((i) => i.id === HELP)
  return {
    canonical,
    match(text: string, opts: MatchOptions = {}): MatchResult {
      const normalized = normalizeText(text)
      const question = index.rewrite(normalized)
      const scores = scoreIntents(index, question, opts.ignoreIdentical)
      const ranked = topThree(scores, index.outOfScopeIntent, index.intentIds)
      const candidates = ranked.slice(0, 3).filter((c) => c.score > 0).map((c) => ({ intent: c.intent, score: round(c.score) }))
      const best = ranked[0]
      const score = round(best?.score ?? 0)
      const result = (intent: string | null, decision: Decision, s = score, c = candidates): MatchResult =>
        ({ intent, score: s, candidates: c, decision, reason: describeDecision(decision) })

      if (hasHelp && isHelpRequest(text, normalized)) {
        return result(HELP, { kind: 'help' }, 1, [{ intent: HELP, score: 1 }, ...candidates.filter((c) => c.intent !== HELP).slice(0, 2)])
      }
      // Small talk is not a question: no topic score, no candidates. A message of nothing but punctuation or
      // emoji ("?", "👀") is someone checking the bot is there.
      const topic = normalized ? smallTalkTopic(question) : text.trim() ? 'presence' : null
      if (topic) return result(null, { kind: 'smalltalk', topic }, 0, [])
      if (!best || !question) return result(null, { kind: 'low-confidence' })
      const decision = decideScope(splitClauses(text, index.rewrite, question), {
        best: best.score,
        runnerUp: ranked[1]?.score ?? 0,
        outOfScope: scores[index.outOfScopeIntent] as number,
        // help is about the bot, not the article: the corpus's small talk about the bot must not veto it
        learnedOutOfScope: best.intent === HELP ? 0 : index.scratch.offTopic,
      }, covers, opts.gate)
      return result(decision.kind === 'answered' ? best.intent : null, decision)
    },
  }
}

/**
 * The three best of the first `count` scores, best first; on a tie the earlier intent first (as a stable sort
 * would give). Only these are read, and sorting all the intents' objects per question cost more than the gate.
 */
function topThree(scores: Float64Array, count: number, ids: readonly string[]): Candidate[] {
  const top: Candidate[] = []
  for (let i = 0; i < count; i++) {
    const score = scores[i] as number
    if (top.length === 3 && score <= (top[2] as Candidate).score) continue
    let at = top.length
    while (at > 0 && score > (top[at - 1] as Candidate).score) at--
    top.splice(at, 0, { intent: ids[i] as string, score })
    if (top.length > 3) top.pop()
  }
  return top
}

const cache = new WeakMap<MatcherKnowledge, Matcher>()
/**
 * Makes `build` the way this knowledge object's matcher is built, unless one is built already (the operator CLI: an
 * edited knowledge file is judged with the training corpus, as the next build will train it).
 */
export function primeMatcher(knowledge: MatcherKnowledge, build: (k: MatcherKnowledge) => Matcher): void {
  if (!cache.has(knowledge)) cache.set(knowledge, build(knowledge))
}

/** The matcher for this knowledge object, built once (index build is the expensive part). */
export function getMatcher(knowledge: MatcherKnowledge): Matcher {
  let m = cache.get(knowledge)
  if (!m) {
    m = createMatcher(knowledge)
    cache.set(knowledge, m)
  }
  return m
}
