/**
 * What the matcher reads from the knowledge. Declared here, structurally, so src/matcher depends on nothing above
 * it; src/knowledge's Knowledge satisfies it.
 */
export interface MatcherCorpus {
  /** canonical term → variants people type instead */
  synonyms: Record<string, string[]>
  /** questions that must fall back */
  outOfScope?: string[]
  intents: readonly { id: string; title: string; keywords: string[]; phrasings: string[] }[]
}
