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
export function trainLinear(
  opts: LinearTraining, featureCount: number, intentCount: number,
  docStart: number[], docFeat: number[], docW: Float64Array, docIntent: number[],
  kwStart: number[], kwFeat: number[], kwW: Float64Array,
  /** A stable key per row (documents, then keyword rows): rows train in key order, so adding or removing
   *  one phrasing moves no other row in the order and the model changes only a little. */
  rowKeys: number[],
): Float64Array {
  const C = intentCount
  // all training rows in one CSR block; `at` holds feature * C, the row's offset into W
  const useKw = opts.keywords
  const rowCount = docIntent.length + (useKw ? kwStart.length - 1 : 0)
  const nnz = docFeat.length + (useKw ? kwFeat.length : 0)
  const start = new Int32Array(rowCount + 1)
  const at = new Int32Array(nnz)
  const x = new Float64Array(nnz)
  const label = new Int32Array(rowCount)
  let r = 0
  let e = 0
  const copy = (s: number[], f: number[], w: Float64Array, row: number, y: number) => {
    for (let j = s[row] as number; j < (s[row + 1] as number); j++, e++) {
      at[e] = (f[j] as number) * C
      x[e] = w[j] as number
    }
    label[r++] = y
    start[r] = e
  }
  for (let d = 0; d < docIntent.length; d++) copy(docStart, docFeat, docW, d, docIntent[d] as number)
  if (useKw) for (let i = 0; i + 1 < kwStart.length; i++) copy(kwStart, kwFeat, kwW, i, i)

  const order = Int32Array.from({ length: rowCount }, (_, k) => k).sort((a, b) => (rowKeys[a] as number) - (rowKeys[b] as number) || a - b)

  const W = new Float64Array(featureCount * C)
  // U accumulates step · update, so the average of all iterates is W − U / steps (updates stay sparse).
  const U = opts.averaged ? new Float64Array(featureCount * C) : null
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
      let active = 0
      for (let i = 0; i < C; i++) {
        g[i] = (rate * (g[i] as number)) / sum - (i === (label[row] as number) ? rate : 0)
        if (Math.abs(g[i] as number) > 1e-4) activeClasses[active++] = i
      }
      for (let j = from; j < to; j++) {
        const base = at[j] as number
        const xj = x[j] as number
        for (let a = 0; a < active; a++) {
          const i = activeClasses[a] as number
          const delta = xj * (g[i] as number)
          W[base + i]! -= delta
          if (U) U[base + i]! -= step * delta
        }
      }
    }
  }
  if (U) for (let k = 0; k < W.length; k++) W[k] = (W[k] as number) - (U[k] as number) / step
  return W
}
