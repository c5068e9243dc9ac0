// Open-addressing hash table from feature keys (non-negative integers below 2^53) to dense ids:
// the matcher looks up every feature of every phrasing and question, and a Map of boxed doubles is
// several times slower.

const EMPTY = -1

export class IdTable {
  private keys: Float64Array
  private ids: Int32Array
  private mask: number
  size = 0

  constructor(capacity = 64) {
    let n = 16
    while (n < capacity * 2) n *= 2
    this.keys = new Float64Array(n).fill(EMPTY)
    this.ids = new Int32Array(n)
    this.mask = n - 1
  }

  /** The id of key, or -1. */
  get(key: number): number {
    const keys = this.keys
    for (let s = slotOf(key) & this.mask; ; s = (s + 1) & this.mask) {
      const k = keys[s] as number
      if (k === key) return this.ids[s] as number
      if (k === EMPTY) return -1
    }
  }

  /** The id of key, giving it the next id (`size`) when new. */
  intern(key: number): number {
    const keys = this.keys
    let s = slotOf(key) & this.mask
    for (; ; s = (s + 1) & this.mask) {
      const k = keys[s] as number
      if (k === key) return this.ids[s] as number
      if (k === EMPTY) break
    }
    const id = this.size++
    keys[s] = key
    this.ids[s] = id
    if (this.size * 2 > this.mask) this.grow()
    return id
  }

  clear(): void {
    if (this.size === 0) return
    this.keys.fill(EMPTY)
    this.size = 0
  }

  private grow(): void {
    const oldKeys = this.keys
    const oldIds = this.ids
    const n = oldKeys.length * 2
    this.keys = new Float64Array(n).fill(EMPTY)
    this.ids = new Int32Array(n)
    this.mask = n - 1
    for (let o = 0; o < oldKeys.length; o++) {
      const key = oldKeys[o] as number
      if (key === EMPTY) continue
      let s = slotOf(key) & this.mask
      while (this.keys[s] !== EMPTY) s = (s + 1) & this.mask
      this.keys[s] = key
      this.ids[s] = oldIds[o] as number
    }
  }
}

function slotOf(key: number): number {
  const lo = key >>> 0
  const hi = (key / 4294967296) >>> 0
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
