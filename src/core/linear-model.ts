// Multinomial logistic regression over the matcher's sparse phrasing vectors. Nearest-phrasing and
// centroid similarity weigh every shared n-gram by idf alone; a trained model learns which n-grams
// separate one intent from its neighbours. Trained at index build, so it must stay cheap. Runs on Workers.

export function softmax(z: Float64Array, temperature: number): Float64Array {
  let max = -Infinity
  for (const x of z) if (x > max) max = x
  let sum = 0
  const out = new Float64Array(z.length)
  for (let i = 0; i < z.length; i++) {
    out[i] = Math.exp(((z[i] as number) - max) / temperature)
    sum += out[i] as number
  }
  for (let i = 0; i < z.length; i++) out[i] = (out[i] as number) / sum
  return out
}

export interface LinearTraining {
  epochs: number
  rate: number
  /** also train on the keyword rows */
  keywords: boolean
  /** Return the average of the weights over all steps (Polyak averaging) instead of the last ones. */
  averaged?: boolean
}

/**
 * Multinomial logistic regression on the (unit-length) phrasing and keyword vectors: plain SGD in an
 * order fixed by each row's own key, so the same knowledge always gives the same model. Early stopping (few
 * epochs, no regularisation term) keeps the weights small.
 */
/** Sparse rows: row r is feat/x[start[r] .. start[r + 1]]. */
export interface TrainingRows {
  start: Int32Array
  feat: Int32Array
  x: Float64Array
  /** the class of each row; keyword rows are labelled by their index */
  label?: Int32Array
}

export function trainLinear(
  opts: LinearTraining, featureCount: number, intentCount: number, docs: TrainingRows, keywordRows: TrainingRows,
  /** A stable key per row (documents, then keyword rows), below 2^32: rows train in key order, so adding or
   *  removing one phrasing moves no other row in the order and the model changes only a little. */
  rowKeys: Float64Array,
): Float64Array {
  const C = intentCount
  // all training rows in one CSR block; `at` holds feature * C, the row's offset into W
  const docRows = docs.start.length - 1
  const kwRows = opts.keywords ? keywordRows.start.length - 1 : 0
  const rowCount = docRows + kwRows
  const docNnz = docs.start[docRows] as number
  const nnz = docNnz + (kwRows > 0 ? (keywordRows.start[kwRows] as number) : 0)
  const start = new Int32Array(rowCount + 1)
  const at = new Int32Array(nnz)
  const x = new Float64Array(nnz)
  const label = new Int32Array(rowCount)
  for (let j = 0; j < docNnz; j++) {
    at[j] = (docs.feat[j] as number) * C
    x[j] = docs.x[j] as number
  }
  start.set(docs.start)
  label.set(docs.label as Int32Array)
  for (let j = docNnz; j < nnz; j++) {
    at[j] = (keywordRows.feat[j - docNnz] as number) * C
    x[j] = keywordRows.x[j - docNnz] as number
  }
  for (let r = 1; r <= kwRows; r++) {
    start[docRows + r] = docNnz + (keywordRows.start[r] as number)
    label[docRows + r - 1] = r - 1
  }

  // key order, ties by row number: key · 2^21 + row sorts as plain numbers (exact below 2^53)
  const sortable = new Float64Array(rowCount)
  for (let r = 0; r < rowCount; r++) sortable[r] = (rowKeys[r] as number) * 2097152 + r
  sortable.sort()
  const order = new Int32Array(rowCount)
  for (let k = 0; k < rowCount; k++) order[k] = (sortable[k] as number) % 2097152

  const W = new Float64Array(featureCount * C)
  // U accumulates step · update, so the average of all iterates is W − U / steps (updates stay sparse).
  const averaged = opts.averaged === true
  const U = new Float64Array(averaged ? featureCount * C : 0)
  let step = 0
  const g = new Float64Array(C)
  const activeClasses = new Int32Array(C)
  const epochs = opts.epochs
  const rate = opts.rate
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = 0; k < rowCount; k++) {
      step++
      const row = order[k] as number
      const from = start[row] as number
      const to = start[row + 1] as number
      g.fill(0)
      for (let j = from; j < to; j++) {
        const base = at[j] as number
        const xj = x[j] as number
        for (let i = 0; i < C; i++) g[i]! += xj * (W[base + i] as number)
      }
      let max = -Infinity
      for (let i = 0; i < C; i++) if ((g[i] as number) > max) max = g[i] as number
      let sum = 0
      for (let i = 0; i < C; i++) {
        g[i] = Math.exp((g[i] as number) - max)
        sum += g[i] as number
      }
      // g becomes the step rate · (p − y); classes with a negligible step are skipped in the update
      // (after a few rows the softmax is peaked, so most rows touch two or three classes)
      const y = label[row] as number
      let active = 0
      for (let i = 0; i < C; i++) {
        g[i] = (rate * (g[i] as number)) / sum - (i === y ? rate : 0)
        if (Math.abs(g[i] as number) > 1e-4) activeClasses[active++] = i
      }
      if (averaged) {
        for (let j = from; j < to; j++) {
          const base = at[j] as number
          const xj = x[j] as number
          for (let a = 0; a < active; a++) {
            const i = base + (activeClasses[a] as number)
            const delta = xj * (g[activeClasses[a] as number] as number)
            W[i]! -= delta
            U[i]! -= step * delta
          }
        }
      } else {
        for (let j = from; j < to; j++) {
          const base = at[j] as number
          const xj = x[j] as number
          for (let a = 0; a < active; a++) W[base + (activeClasses[a] as number)]! -= xj * (g[activeClasses[a] as number] as number)
        }
      }
    }
  }
  if (averaged) for (let k = 0; k < W.length; k++) W[k] = (W[k] as number) - (U[k] as number) / step
  return W
}
