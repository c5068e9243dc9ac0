// Finds the first of many terms in a text in one left-to-right pass: terms grouped by their first character
// (longest first), so each position costs one map lookup. ASCII terms match whole words only ("ps" not in "tips").

const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)

export class TermFinder {
  private readonly byFirst = new Map<number, string[]>()

  constructor(terms: Iterable<string>) {
    for (const t of new Set(terms)) {
      if (!t) continue
      const list = this.byFirst.get(t.charCodeAt(0)) ?? []
      list.push(t)
      this.byFirst.set(t.charCodeAt(0), list)
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length)
  }

  /** The first term in text (earliest position, longest there), or undefined. */
  find(text: string): string | undefined {
    for (let i = 0; i < text.length; i++) {
      const list = this.byFirst.get(text.charCodeAt(i))
      if (!list) continue
      for (const t of list) {
        if (!text.startsWith(t, i)) continue
        if (isAsciiWordChar(t.charCodeAt(0)) && i > 0 && isAsciiWordChar(text.charCodeAt(i - 1))) continue
        const end = i + t.length
        if (isAsciiWordChar(t.charCodeAt(t.length - 1)) && end < text.length && isAsciiWordChar(text.charCodeAt(end))) continue
        return t
      }
    }
    return undefined
  }
}
