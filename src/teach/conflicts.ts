// What a new taught phrasing would take from other topics: the knowledge lint's rules (src/knowledge/lint.ts:
// duplicate-phrasing, phrasing-conflict, out-of-scope-answered) applied to the overlay, which claims exactly the
// questions that are the same as a taught phrasing or nearly so.
import type { Knowledge } from '../knowledge/knowledge'
import { canonicalFor, loadShape, nearness, shapeOf, type Shape } from './shape'
import type { TaughtPhrasing } from './taught'

export interface Conflict {
  /** duplicate: the same text is already another topic's phrasing; pulls: a phrasing of another topic would now be
   * answered as the taught one; out-of-scope: an example the bot must not answer would be; taught: an earlier taught
   * phrasing of another topic would be. */
  kind: 'duplicate' | 'pulls' | 'out-of-scope' | 'taught'
  /** the phrasing affected */
  text: string
  /** its own topic (null for an out-of-scope example) */
  intent: string | null
}

interface KnownPhrasing {
  text: string
  intent: string | null
  shape: Shape
}

const indexes = new WeakMap<Knowledge, Map<string, KnownPhrasing[]>>()

/** Knowledge titles, phrasings and out-of-scope examples grouped by content (built once per knowledge, on the first /教). */
function knownIndex(knowledge: Knowledge): Map<string, KnownPhrasing[]> {
  let byContent = indexes.get(knowledge)
  if (byContent) return byContent
  byContent = new Map<string, KnownPhrasing[]>()
  const canonical = canonicalFor(knowledge)
  const add = (text: string, intent: string | null) => {
    const item = { text, intent, shape: shapeOf(canonical(text)) }
    const group = byContent!.get(item.shape.content)
    if (group) group.push(item)
    else byContent!.set(item.shape.content, [item])
  }
  for (const intent of knowledge.intents) for (const text of [intent.title, ...intent.phrasings]) add(text, intent.id)
  for (const text of knowledge.outOfScope ?? []) add(text, null)
  indexes.set(knowledge, byContent)
  return byContent
}

/** The knowledge phrasing with the same canonical text as `text`, if any (its intent says whether teaching is needed). */
export function knownPhrasing(knowledge: Knowledge, text: string): { text: string; intent: string | null } | null {
  const shape = shapeOf(canonicalFor(knowledge)(text))
  const same = (knownIndex(knowledge).get(shape.content) ?? []).find((k) => k.shape.canonical === shape.canonical)
  return same ? { text: same.text, intent: same.intent } : null
}

export function conflictsOf(knowledge: Knowledge, taught: TaughtPhrasing[], text: string, intent: string): Conflict[] {
  const shape = shapeOf(canonicalFor(knowledge)(text))
  const out: Conflict[] = []
  for (const k of knownIndex(knowledge).get(shape.content) ?? []) {
    if (k.intent === intent || nearness(k.shape, shape) === 0) continue
    const kind = k.intent === null ? 'out-of-scope' : k.shape.canonical === shape.canonical ? 'duplicate' : 'pulls'
    out.push({ kind, text: k.text, intent: k.intent })
  }
  for (const t of taught) {
    if (t.intent === intent) continue
    const other = loadShape(knowledge, t.text, t.shape)
    // The same text taught to another topic is being re-taught, not pulled.
    if (other.canonical !== shape.canonical && nearness(other, shape) > 0) out.push({ kind: 'taught', text: t.text, intent: t.intent })
  }
  return out
}
