// An in-memory sorted set ordered as Redis orders one: by score, ties by member.

interface Scored {
  member: string
  score: number
}

const before = (a: Scored, b: Scored) => a.score < b.score || (a.score === b.score && a.member < b.member)

export class SortedSet {
  private readonly scores = new Map<string, number>()
  /** ascending */
  private items: Scored[] = []

  get size(): number {
    return this.items.length
  }

  private position(item: Scored): number {
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(this.items[mid]!, item)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  add(member: string, score: number): void {
    const old = this.scores.get(member)
    if (old !== undefined) this.items.splice(this.position({ member, score: old }), 1)
    const item = { member, score }
    this.items.splice(this.position(item), 0, item)
    this.scores.set(member, score)
  }

  /** Drops members scored below minScore. */
  dropBelow(minScore: number): void {
    let n = 0
    while (n < this.items.length && this.items[n]!.score < minScore) this.scores.delete(this.items[n++]!.member)
    if (n) this.items = this.items.slice(n)
  }

  /** Keeps the `keep` highest members; returns the dropped ones, lowest first. */
  keepHighest(keep: number): string[] {
    const excess = this.items.length - keep
    if (excess <= 0) return []
    const dropped = this.items.slice(0, excess).map((i) => i.member)
    for (const m of dropped) this.scores.delete(m)
    this.items = this.items.slice(excess)
    return dropped
  }

  /** Ranks start..stop (inclusive, negative from the lowest), highest score first. */
  revRange(start: number, stop: number): string[] {
    const n = this.items.length
    const from = start < 0 ? Math.max(0, n + start) : start
    const to = Math.min(n - 1, stop < 0 ? n + stop : stop)
    const out: string[] = []
    for (let r = from; r <= to; r++) out.push(this.items[n - 1 - r]!.member)
    return out
  }
}
