// Flat numeric sparse rows and postings: the index build works on typed arrays, not maps.

/** Postings of every feature in one block (CSR): entries of feature f are offsets[f] .. offsets[f + 1]. */
export interface Postings {
  offsets: Int32Array
  ids: Int32Array
  weights: Float32Array
}

/** Scales `w[from..to)` to unit length in place; returns the length it had (1 for a zero vector). */
export function normalizeRange(w: Float64Array, from: number, to: number): number {
  let sum = 0
  for (let j = from; j < to; j++) sum += (w[j] as number) * (w[j] as number)
  const norm = Math.sqrt(sum) || 1
  for (let j = from; j < to; j++) w[j] = (w[j] as number) / norm
  return norm
}

/** Sparse rows (row r: feats/weights[start[r] .. start[r + 1]]) turned into per-feature postings of row ids. */
export function toPostings(featureCount: number, start: ArrayLike<number>, feats: ArrayLike<number>, weights: ArrayLike<number>, nnz: number): Postings {
  return fillPostings(postingOffsets(featureCount, feats, nnz), start, feats, weights, nnz)
}

/** Where each feature's postings start (CSR offsets; offsets[f + 1] - offsets[f] is the number of rows with f). */
export function postingOffsets(featureCount: number, feats: ArrayLike<number>, nnz: number): Int32Array {
  const offsets = new Int32Array(featureCount + 1)
  for (let j = 0; j < nnz; j++) offsets[(feats[j] as number) + 1]!++
  for (let f = 0; f < featureCount; f++) offsets[f + 1]! += offsets[f] as number
  return offsets
}

/** The postings for offsets from postingOffsets over the same rows. */
export function fillPostings(offsets: Int32Array, start: ArrayLike<number>, feats: ArrayLike<number>, weights: ArrayLike<number>, nnz: number): Postings {
  const rows = start.length - 1
  const fill = offsets.slice(0, offsets.length - 1)
  const ids = new Int32Array(nnz)
  const out = new Float32Array(nnz)
  for (let r = 0; r < rows; r++) {
    for (let j = start[r] as number; j < (start[r + 1] as number); j++) {
      const at = fill[feats[j] as number]!++
      ids[at] = r
      out[at] = weights[j] as number
    }
  }
  return { offsets, ids, weights: out }
}

/** Sparse rows being read: row r is feat/tf[start[r] .. start[r + 1]], features in first-seen order. */
export class SparseRows {
  start: Int32Array
  rows = 0
  feat: Int32Array
  tf: Int32Array
  nnz = 0
  constructor(rows: number, nnz: number) {
    this.start = new Int32Array(rows + 1)
    this.feat = new Int32Array(nnz)
    this.tf = new Int32Array(nnz)
  }
  add(feat: number, tf: number): void {
    if (this.nnz === this.feat.length) {
      this.feat = grow(this.feat, this.nnz * 2)
      this.tf = grow(this.tf, this.nnz * 2)
    }
    this.feat[this.nnz] = feat
    this.tf[this.nnz++] = tf
  }
  endRow(): void {
    if (this.rows + 2 > this.start.length) this.start = grow(this.start, this.start.length * 2)
    this.start[++this.rows] = this.nnz
  }
  /** `start` cut to the rows read */
  starts(): Int32Array {
    return this.start.subarray(0, this.rows + 1)
  }
}

export function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size)
  out.set(a.subarray(0, Math.min(a.length, size)))
  return out
}
