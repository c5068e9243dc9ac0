const encoder = new TextEncoder()
const ELLIPSIS = '…'

export function utf8Length(text: string): number {
  return encoder.encode(text).length
}

/** Cuts text to at most maxBytes of UTF-8, on a character boundary, ending in "…" when anything was cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text
  const budget = maxBytes - utf8Length(ELLIPSIS)
  let used = 0
  let out = ''
  // for…of walks code points, so a surrogate pair (emoji) is never split.
  for (const ch of text) {
    const n = utf8Length(ch)
    if (used + n > budget) break
    used += n
    out += ch
  }
  return out + ELLIPSIS
}
