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
}

export function titleContext(title: string, keywords: readonly string[], words: TitleWords): TitleContext {
  return {
    title,
    norm: normalize(title),
    length: titleLength(title),
    graphemes: graphemes(title),
    keywords: [...new Set(keywords.map((k) => k.trim()).filter(Boolean))],
    words,
  }
}
