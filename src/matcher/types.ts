// What the matcher needs from the knowledge and what it answers. The matcher sits below the knowledge
// layer, so it declares the shape it reads instead of importing the knowledge schema.
import type { ScopeGate } from './scope/decide'

/** One topic as the matcher reads it (the knowledge file's intents have this shape and more). */
export interface MatcherIntent {
  id: string
  title: string
  keywords: readonly string[]
  phrasings: readonly string[]
  /** What the bot says for this topic: what it covers (terms found nowhere here are not covered). */
  answer?: string
  points?: readonly string[]
  followUp?: string
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

export type SmallTalkTopic = 'greeting' | 'presence' | 'identity' | 'thanks' | 'praise' | 'complaint' | 'bye' | 'ack' | 'feeling' | 'laughter'

/** Why the matcher answered or not. */
export type Decision =
  | { kind: 'answered' }
  /** 帮助 / help / 使用说明 as a whole message */
  | { kind: 'help' }
  | { kind: 'smalltalk'; topic: SmallTalkTopic }
  /** the question is about another platform's operations, not a comparison with 小红书 */
  | { kind: 'other-platform'; platform: string }
  /**
   * The question asks about something the knowledge does not cover. `term`: the uncovered word or asking
   * phrase; `phrase`: the part of the question to quote back; `nearMiss`: a 小红书 matter next to what the
   * article covers (the candidates are related topics), as opposed to an everyday subject.
   */
  | { kind: 'uncovered'; term: string; phrase: string; nearMiss: boolean }
  /** nothing says it is out of scope, but no topic is a confident match */
  | { kind: 'low-confidence' }

export interface MatchResult {
  /** The answered intent, or null: fallback, near miss, small talk. */
  intent: string | null
  /** Confidence of the best in-scope candidate, 0..1 (1 for an explicit help request). */
  score: number
  /** Best first, at most 3, in-scope intents only. */
  candidates: Candidate[]
  decision: Decision
  /** The decision in a few words: "answered", "help", "smalltalk", "other platform: 抖音", "uncovered: 剪映", "low confidence". */
  reason: string
}

export interface MatchOptions {
  /** Ignore knowledge phrasings identical to the text (lint: "would this phrasing be found without itself?"). */
  ignoreIdentical?: boolean
  /** Other gate constants than SCOPE_GATE's (calibration scripts only). */
  gate?: ScopeGate
}

export interface Matcher {
  match(text: string, opts?: MatchOptions): MatchResult
  /** The canonical form the matcher sees (normalised + synonyms), for debugging and tests. */
  canonical(text: string): string
}
