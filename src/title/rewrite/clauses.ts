import { graphemes, isEmoji } from '../length'

/** A stretch of title between separators (original offsets). A bracket group 【…】 is one clause. */
export interface Clause {
  start: number
  end: number
}

const PUNCT = /^[，,。！!？?｜|：:；;~～…—]$/u
const CLOSE: Record<string, string> = { '【': '】', '[': ']', '（': '）', '(': ')', '「': '」', '“': '”', '《': '》', '『': '』' }
const ASCII_WORD = /^[A-Za-z0-9]$/

/** Separators: clause punctuation, emoji, and spaces or dots that are not inside ASCII text. */
function isSeparator(gs: string[], i: number): boolean {
  const g = gs[i] ?? ''
  if (PUNCT.test(g) || isEmoji(g)) return true
  if (/^\s$/u.test(g) || g === '.') {
    const prev = gs[i - 1] ?? ''
    const next = gs[i + 1] ?? ''
    // "Weekend brunch", "9.9" and "2024.10.01" are one clause; "杭州 咖啡" is two.
    if (g === '.' && ASCII_WORD.test(prev) && ASCII_WORD.test(next)) return false
    if (/^\s$/u.test(g) && /^[\x21-\x7e]$/.test(prev) && /^[\x21-\x7e]$/.test(next)) return false
    return true
  }
  return false
}

export function clausesOf(title: string): Clause[] {
  const gs = graphemes(title)
  const clauses: Clause[] = []
  let offset = 0
  let open: number | undefined
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i] ?? ''
    const close = CLOSE[g]
    if (close) {
      // A bracket group is a clause of its own, brackets included, so dropping it leaves no stray 【.
      let j = i + 1
      let end = offset + g.length
      while (j < gs.length && gs[j] !== close) end += (gs[j++] ?? '').length
      if (j < gs.length) {
        if (open !== undefined) clauses.push({ start: open, end: offset })
        end += close.length
        clauses.push({ start: offset, end })
        open = undefined
        offset = end
        i = j
        continue
      }
    }
    if (isSeparator(gs, i)) {
      if (open !== undefined) clauses.push({ start: open, end: offset })
      open = undefined
    } else if (open === undefined) open = offset
    offset += g.length
  }
  if (open !== undefined) clauses.push({ start: open, end: offset })
  return clauses
}

const TERMINAL = /^[！!？?…~～]+$/u

/**
 * The title rebuilt from the clauses whose text is not null, in order. Each kept clause is followed by
 * the separator that followed it in the original; a closing ！ or ？ stays.
 */
export function assemble(title: string, clauses: readonly Clause[], texts: readonly (string | null)[]): string {
  const kept = clauses.map((c, i) => ({ c, i, text: texts[i] })).filter((k) => k.text !== null && k.text !== '')
  let out = ''
  kept.forEach((k, n) => {
    const next = clauses[k.i + 1]
    const gap = title.slice(k.c.end, next ? next.start : title.length)
    out += k.text
    if (n < kept.length - 1) out += gap || (next ? '' : '')
    else if (TERMINAL.test(gap.trim())) out += gap.trim()
  })
  return out
}
