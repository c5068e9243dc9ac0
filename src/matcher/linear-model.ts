// Multinomial logistic regression over the matcher's sparse phrasing vectors. Nearest-phrasing and
// centroid similarity weigh every shared n-gram by idf alone; a trained model learns which n-grams
// separate one intent from its neighbours. Trained at index build, so it must stay cheap. Runs on Workers.

/** `out`: where to write (may be `z`); scoring passes a reused buffer, since allocating one per question costs more than the sums. */
export function softmax(z: Float64Array, out: Float64Array = new Float64Array(z.length)): Float64Array {
  let max = -Infinity
  for (const x of z) if (x > max) max = x
  let sum = 0
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp((z[i] as number) - max)
    sum += out[i] as number
  }
  for (let i = 0; i < z.length; i++) out[i] = (out[i] as number) / sum
  return out
}

export interface LinearTraining {
  epochs: number
  rate: number
}

/** Sparse rows: row r is feat/x[start[r] .. start[r + 1]]. */
export interface TrainingRows {
  start: Int32Array
  feat: Int32Array
  x: Float64Array
  /** the class of each row; keyword rows without labels are labelled by their index */
  label?: Int32Array
}

/**
 * Multinomial logistic regression on the (unit-length) phrasing and keyword vectors: plain SGD in an
 * order fixed by each row's own key, so the same knowledge always gives the same model. Early stopping (few
 * epochs, no regularisation term) keeps the weights small. Returns the average of the weights over all steps
 * (Polyak averaging): far less sensitive to small edits of the knowledge file than the last weights.
 */
export function trainLinear(
  opts: LinearTraining, featureCount: number, intentCount: number, docs: TrainingRows, keywordRows: TrainingRows,
  /** A stable key per row (documents, keyword rows, then `extra` rows), below 2^32: rows train in key order, so
   *  adding or removing one phrasing moves no other row in the order and the model changes only a little. */
  rowKeys: Float64Array,
  /** more labelled rows, in no index (the training corpus, knowledge/training/) */
  extra?: TrainingRows,
): Float64Array {
  const C = intentCount
  // all training rows in one CSR block of feature ids; keyword rows are labelled by their index
  const kwLabels = keywordRows.label ?? Int32Array.from({ length: keywordRows.start.length - 1 }, (_, i) => i)
  const blocks = [docs, { ...keywordRows, label: kwLabels }, ...(extra ? [extra] : [])]
  const rowCount = blocks.reduce((n, b) => n + b.start.length - 1, 0)
  const nnz = blocks.reduce((n, b) => n + (b.start[b.start.length - 1] as number), 0)
  const start = new Int32Array(rowCount + 1)
  const feat = new Int32Array(nnz)
  const x = new Float64Array(nnz)
  const label = new Int32Array(rowCount)
  let rowAt = 0
  let entryAt = 0
  for (const b of blocks) {
    const rows = b.start.length - 1
    const n = b.start[rows] as number
    feat.set(b.feat.subarray(0, n), entryAt)
    x.set(b.x.subarray(0, n), entryAt)
    for (let r = 1; r <= rows; r++) start[rowAt + r] = entryAt + (b.start[r] as number)
    label.set((b.label as Int32Array).subarray(0, rows), rowAt)
    rowAt += rows
    entryAt += n
  }

  // key order, ties by row number: key · 2^21 + row sorts as plain numbers (exact below 2^53)
  const sortable = new Float64Array(rowCount)
  for (let r = 0; r < rowCount; r++) sortable[r] = (rowKeys[r] as number) * 2097152 + r
  sortable.sort()
  const order = new Int32Array(rowCount)
  for (let k = 0; k < rowCount; k++) order[k] = (sortable[k] as number) % 2097152

  // The weights do not fit in the CPU cache and most features belong to one row, so training is bound by
  // memory: features are laid out in the order training first meets them (each pass then walks memory
  // forwards), and each feature's running sums U sit right after its weights W. `at` is a row entry's offset.
  const stride = 2 * C
  const slot = new Int32Array(featureCount).fill(-1)
  const at = new Int32Array(nnz)
  let slots = 0
  for (let k = 0; k < rowCount; k++) {
    const row = order[k] as number
    for (let j = start[row] as number; j < (start[row + 1] as number); j++) {
      const f = feat[j] as number
      if ((slot[f] as number) < 0) slot[f] = slots++
      at[j] = (slot[f] as number) * stride
    }
  }
  // W at base + i; U (step · update summed, so the average of all iterates is W − U / steps) at base + C + i
  const M = new Float64Array(slots * stride)
  let step = 0
  const g = new Float64Array(C)
  const epochs = opts.epochs
  const rate = opts.rate
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = 0; k < rowCount; k++) {
      step++
      const row = order[k] as number
      const from = start[row] as number
      const to = start[row + 1] as number
      // class by class, so the sum stays in a register (same order of additions as row by row)
      for (let i = 0; i < C; i++) {
        let z = 0
        for (let j = from; j < to; j++) z += (x[j] as number) * (M[(at[j] as number) + i] as number)
        g[i] = z
      }
      let max = -Infinity
      for (let i = 0; i < C; i++) if ((g[i] as number) > max) max = g[i] as number
      let sum = 0
      for (let i = 0; i < C; i++) {
        g[i] = Math.exp((g[i] as number) - max)
        sum += g[i] as number
      }
      // g becomes the step rate · (p − y); a negligible step is dropped (set to 0 rather than skipped, so the
      // update loop needs no index list: x − 0 is x)
      const y = label[row] as number
      for (let i = 0; i < C; i++) {
        const gi = (rate * (g[i] as number)) / sum - (i === y ? rate : 0)
        g[i] = Math.abs(gi) > 1e-4 ? gi : 0
      }
      for (let j = from; j < to; j++) {
        const base = at[j] as number
        const xj = x[j] as number
        for (let i = 0; i < C; i++) {
          const delta = xj * (g[i] as number)
          M[base + i]! -= delta
          M[base + C + i]! -= step * delta
        }
      }
    }
  }
  const W = new Float64Array(featureCount * C)
  for (let f = 0; f < featureCount; f++) {
    if ((slot[f] as number) < 0) continue
    const base = (slot[f] as number) * stride
    for (let i = 0; i < C; i++) W[f * C + i] = (M[base + i] as number) - (M[base + C + i] as number) / step
  }
  return W
}

/** For each feature, the one training row it occurs in, or -1 when it occurs in several (or none). */
export function singleRowOf(featureCount: number, docs: TrainingRows, keywords: TrainingRows): Int32Array {
  const row = new Int32Array(featureCount).fill(-2)
  let r = 0
  for (const rows of [docs, keywords]) {
    for (let i = 0; i + 1 < rows.start.length; i++, r++) {
      for (let j = rows.start[i] as number; j < (rows.start[i + 1] as number); j++) {
        const f = rows.feat[j] as number
        row[f] = row[f] === -2 ? r : -1
      }
    }
  }
  for (let f = 0; f < featureCount; f++) if (row[f] === -2) row[f] = -1
  return row
}

/**
 * `rows` without the entries of features that occur in exactly one knowledge row: the training corpus's questions
 * train the topic model through the features several phrasings share. A feature of one phrasing then keeps the
 * weights x · H that averaged SGD gives it, which the build-time artifact stores once per row (artifact/format.ts);
 * giving those features weights of their own cost 74 KiB of artifact, over the bundle budget.
 */
export function withSharedFeaturesOnly(rows: TrainingRows, featureCount: number, docs: TrainingRows, keywords: TrainingRows): TrainingRows {
  const single = singleRowOf(featureCount, docs, keywords)
  const x = rows.x.slice()
  for (let j = 0; j < x.length; j++) if ((single[rows.feat[j] as number] as number) >= 0) x[j] = 0
  return { ...rows, x }
}
