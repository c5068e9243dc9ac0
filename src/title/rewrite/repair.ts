import { graphemes, isEmoji } from '../length'
import { assemble, clausesOf, type Clause } from './clauses'
import type { Edit } from './edits'
import { editClause } from './fluency'

/** How a rewrite treats a clause with a problem: fix it in place when that reads well, or drop it. */
export type RepairMode = 'in-place' | 'drop'
/** Shop names: with their verb (拼多多买的) or alone (闲鱼). */
export type Reach = 'wide' | 'narrow'

export interface Repaired {
  text: string
  /** Clauses kept with an in-place change. */
  changed: number
  dropped: number
  /** The opening clause (usually the topic) is gone while later ones stay. */
  headless: boolean
}

function editsIn(clause: Clause, edits: readonly Edit[]): Edit[] {
  return edits
    .filter((e) => e.start < clause.end && clause.start < e.end)
    .map((e) => {
      const clamp = (s: Span) => ({ ...s, start: Math.max(s.start, clause.start), end: Math.min(s.end, clause.end), text: s.start >= clause.start ? s.text : '' })
      return { ...clamp(e), ...(e.narrow ? { narrow: clamp(e.narrow) } : {}) }
    })
}

type Span = { start: number; end: number; text: string; object?: boolean }
const local = (c: Clause, e: Span) => ({ start: e.start - c.start, end: e.end - c.start, text: e.text, object: e.object })

/** One clause with its edits, or null to drop it. */
function repairClause(title: string, clause: Clause, edits: Edit[], mode: RepairMode, reach: Reach): string | null {
  const text = title.slice(clause.start, clause.end)
  if (!edits.length) return text
  if (mode === 'drop') return null
  const pick = (e: Edit): Span => (reach === 'narrow' && e.narrow ? e.narrow : e)
  return editClause(text, edits.map((e) => local(clause, pick(e)))) || null
}

/** The title with every flagged phrase fixed in place or its clause dropped; "" when nothing is left. */
export function repair(title: string, edits: readonly Edit[], mode: RepairMode, reach: Reach = 'wide'): Repaired {
  const clauses = clausesOf(title)
  let changed = 0
  let dropped = 0
  const texts = clauses.map((c) => {
    const mine = editsIn(c, edits)
    const out = repairClause(title, c, mine, mode, reach)
    if (mine.length && out === null) dropped++
    else if (mine.length) changed++
    return out
  })
  // Edits that fall between clauses (a handle written in separators only) are simply removed.
  const text = assemble(title, clauses, texts)
  // Losing an opening clause that was only the flagged words (气死！, 加vx) is not losing the topic.
  const first = clauses[0]
  const covered = (c: Clause) => {
    let n = 0
    for (const e of editsIn(c, edits)) n += e.end - e.start
    return n >= title.slice(c.start, c.end).trim().length
  }
  const headless = clauses.length > 1 && texts[0] === null && !!first && !covered(first)
  return { text: tidy(text), changed, dropped, headless }
}

const RUN = /([！!？?~～。，,、｜|：:；;…])\1+/gu

/** Cosmetic clean-up every rewrite gets: one emoji at most, no punctuation runs, no stray separators. */
export function tidy(text: string): string {
  let seen = false
  const gs = graphemes(text)
  const kept: string[] = []
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i] ?? ''
    if (!isEmoji(g)) {
      kept.push(g)
      continue
    }
    let j = i
    while (j + 1 < gs.length && isEmoji(gs[j + 1] ?? '')) j++
    // A run keeps its first emoji if none was kept yet; a later run between two words becomes a space.
    const between = /\p{Script=Han}/u.test(gs[i - 1] ?? '') && /\p{Script=Han}/u.test(gs[j + 1] ?? '')
    if (!seen) kept.push(g)
    else if (between) kept.push(' ')
    seen = true
    i = j
  }
  return kept
    .join('')
    .replace(RUN, '$1')
    .replace(/([！!？?])[~～]+/gu, '$1')
    .replace(/【\s*】|\[\s*\]|（\s*）|\(\s*\)|「\s*」|“\s*”/gu, '')
    .replace(/\s{2,}/gu, ' ')
    .replace(/^[\s|｜,，、。.:：;；!！?？~～\-—_+]+/u, '')
    .replace(/[\s|｜,，、:：;；\-—_+]+$/u, '')
    .trim()
}
