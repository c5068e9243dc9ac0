// The ask path's decision: a taught phrasing first (exact, or nearly the same words), then the matcher.
import type { Knowledge } from '../knowledge/knowledge'
import { getMatcher, type MatchResult } from '../matcher/matcher'
import type { Store } from '../store/store'
import { TaughtOverlay, type TaughtHit, type TaughtIndex } from './overlay'

export type AskDecision = MatchResult & {
  /** set when a taught phrasing decided */
  taught?: TaughtHit
}

export function decideQuestion(knowledge: Knowledge, taught: TaughtIndex | null, text: string): AskDecision {
  const hit = taught?.match(text) ?? null
  if (hit) {
    return {
      intent: hit.intent,
      score: 1,
      candidates: [{ intent: hit.intent, score: 1 }],
      decision: { kind: 'answered' },
      reason: hit.similarity === 1 ? 'taught phrasing' : 'nearly a taught phrasing',
      taught: hit,
    }
  }
  return getMatcher(knowledge).match(text)
}

/** The decision with the store's current taught phrasings (a fresh overlay): for the CLI and the console. */
export async function decideNow(store: Store, knowledge: Knowledge, text: string): Promise<AskDecision> {
  return decideQuestion(knowledge, await new TaughtOverlay().sync(store, knowledge), text)
}
