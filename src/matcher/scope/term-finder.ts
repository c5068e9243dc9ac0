// Finds the first of many terms in a text in one left-to-right pass: terms grouped by their first character
// (longest first), so each position costs one array lookup. ASCII terms match whole words only ("ps" not in "tips").

const isAsciiWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57)

export class TermFinder {
  /** per char code: 1 + the index in `groups` of the terms starting with it (0: none) */
  private readonly firstGroup = new Uint16Array(0x10000)
  private readonly groups: string[][] = []

  constructor(terms: Iterable<string>) {
    const byFirst = new Map<number, string[]>()
    for (const t of new Set(terms)) {
      if (!t) continue
      const list = byFirst.get(t.charCodeAt(0)) ?? []
      list.push(t)
      byFirst.set(t.charCodeAt(0), list)
    }
    for (const [code, list] of byFirst) {
      list.sort((a, b) => b.length - a.length)
      this.groups.push(list)
      this.firstGroup[code] = this.groups.length
    }
  }

  /** The first term in text (earliest position, longest there), or undefined. */
  find(text: string): string | undefined {
    for (let i = 0; i < text.length; i++) {
      const group = this.firstGroup[text.charCodeAt(i)] as number
      if (group === 0) continue
      for (const t of this.groups[group - 1] as string[]) {
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
