import { fold, type Normalized, type Span } from './normalized'

export interface TermHit<T> extends Span {
  entry: T
}

/** Every occurrence of `needle` in `haystack`. */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = []
  if (!needle) return out
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i)
  return out
}

/** What keeps everyday words clean: allow words and allow patterns (第一 + a counter). */
export interface AllowList {
  allow: readonly string[]
  allowPatterns?: readonly string[]
}

// A list's allow words, folded: the same for every title, so folded once per list.
const foldedAllow = new WeakMap<readonly string[], string[]>()
function foldedWords(words: readonly string[]): string[] {
  let out = foldedAllow.get(words)
  if (!out) {
    out = words.map(fold)
    foldedAllow.set(words, out)
  }
  return out
}

/** Spans of allow-listed everyday words; a hit entirely inside one of them does not count. */
export function allowedSpans(n: Normalized, list: AllowList): Span[] {
  const spans: Span[] = []
  for (const w of foldedWords(list.allow)) {
    for (const start of occurrences(n.text, w)) spans.push({ start, end: start + w.length })
  }
  for (const source of list.allowPatterns ?? []) {
    for (const m of n.text.matchAll(compile(source))) {
      // A lookahead-only pattern (第一(?=次)) matches the term itself: that span is allowed.
      if (m[0].length) spans.push({ start: m.index, end: m.index + m[0].length })
    }
  }
  return spans
}

export function insideAny(span: Span, spans: readonly Span[]): boolean {
  return spans.some((a) => a.start <= span.start && span.end <= a.end)
}

/** Keeps the longest hits that do not overlap (全网最低 wins over 最低), in text order. */
export function longestFirst<T extends Span>(hits: T[]): T[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start))
  const kept: T[] = []
  for (const hit of [...sorted].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((k) => hit.start < k.end && k.start < hit.end)) kept.push(hit)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/** Plain substring search for each entry's term, minus allow-listed words, longest non-overlapping. */
export function findTerms<T extends { term: string }>(
  n: Normalized,
  entries: readonly T[],
  list: AllowList,
): TermHit<T>[] {
  const allowed = allowedSpans(n, list)
  const hits: TermHit<T>[] = []
  for (const entry of entries) {
    const term = fold(entry.term)
    for (const start of occurrences(n.text, term)) {
      const span = { start, end: start + term.length }
      if (!insideAny(span, allowed)) hits.push({ ...span, entry })
    }
  }
  return longestFirst(hits)
}

const compiled = new Map<string, RegExp>()
/** A data-file pattern, compiled once per isolate. */
export function compile(source: string): RegExp {
  let re = compiled.get(source)
  if (!re) {
    re = new RegExp(source, 'gu')
    compiled.set(source, re)
  }
  re.lastIndex = 0
  return re
}

/** Every match of each pattern, as a hit carrying `entryOf(pattern)`, minus allow-listed words. */
export function findPatterns<P extends { pattern: string }, T>(
  n: Normalized,
  patterns: readonly P[],
  list: AllowList,
  entryOf: (p: P) => T,
): TermHit<T>[] {
  const allowed = allowedSpans(n, list)
  const hits: TermHit<T>[] = []
  for (const p of patterns) {
    for (const m of n.text.matchAll(compile(p.pattern))) {
      const span = { start: m.index, end: m.index + m[0].length }
      if (span.end > span.start && !insideAny(span, allowed)) hits.push({ ...span, entry: entryOf(p) })
    }
  }
  return hits
}
