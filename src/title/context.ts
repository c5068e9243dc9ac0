import { graphemes, titleLength } from './length'
import { normalize, type Normalized } from './normalized'
import type { TitleWords } from './words'

/** Everything a rule needs, computed once per title. */
export interface TitleContext {
  title: string
  norm: Normalized
  length: number
  graphemes: string[]
  keywords: string[]
  words: TitleWords
  /** Results several rules and the rewriter need (the ad-law hits …), computed once per title. */
  memo: Map<string, unknown>
}

/** `compute(ctx)` once per title and key. */
export function memoized<T>(ctx: TitleContext, key: string, compute: () => T): T {
  if (!ctx.memo.has(key)) ctx.memo.set(key, compute())
  return ctx.memo.get(key) as T
}

export function titleContext(title: string, keywords: readonly string[], words: TitleWords): TitleContext {
  return {
    title,
    norm: normalize(title),
    length: titleLength(title),
    graphemes: graphemes(title),
    keywords: [...new Set(keywords.map((k) => k.trim()).filter(Boolean))],
    words,
    memo: new Map(),
  }
}
