/**
 * The title folded for matching (NFKC: full-width → half-width; lower case) with a map back to the
 * original, so a match can quote exactly what the creator typed.
 */
export interface Normalized {
  original: string
  text: string
  /** For each UTF-16 unit of `text`: start and end offset of its source character in `original`. */
  starts: number[]
  ends: number[]
}

export function normalize(original: string): Normalized {
  let text = ''
  const starts: number[] = []
  const ends: number[] = []
  let offset = 0
  for (const ch of original) {
    const folded = ch.normalize('NFKC').toLowerCase()
    for (let i = 0; i < folded.length; i++) {
      starts.push(offset)
      ends.push(offset + ch.length)
    }
    text += folded
    offset += ch.length
  }
  return { original, text, starts, ends }
}

export interface Span {
  /** Offsets in the normalized text. */
  start: number
  end: number
}

/** The original text behind a normalized span. */
export function originalOf(n: Normalized, span: Span): string {
  return n.original.slice(originalStart(n, span), originalEnd(n, span))
}

export function originalStart(n: Normalized, span: Span): number {
  return n.starts[span.start] ?? n.original.length
}

export function originalEnd(n: Normalized, span: Span): number {
  return span.end > 0 ? (n.ends[span.end - 1] ?? n.original.length) : 0
}

const folded = new Map<string, string>()
/** The matching form of a word-list entry; cached, since the lists are folded on every check. */
export function fold(text: string): string {
  let out = folded.get(text)
  if (out === undefined) {
    out = normalize(text).text
    if (folded.size < 20_000) folded.set(text, out)
  }
  return out
}
