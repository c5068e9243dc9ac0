import titleWordsFile from '../../knowledge/title-words.json'
import { TitleWordsSchema, type TitleWords } from './words-schema'

export * from './words-schema'

/** Parses the word lists; throws a zod error naming the bad field. Also rejects duplicate terms. */
export function parseTitleWords(json: unknown): TitleWords {
  const words = TitleWordsSchema.parse(json)
  for (const [name, list] of [
    ['adLaw', words.adLaw.terms],
    ['diversion', words.diversion.terms],
    ['negativeTone', words.negativeTone.terms],
  ] as const) {
    const seen = new Set<string>()
    for (const { term } of list) {
      const key = term.normalize('NFKC').toLowerCase()
      if (seen.has(key)) throw new Error(`title-words.json: ${name} lists "${term}" twice`)
      seen.add(key)
    }
  }
  return words
}

let cached: TitleWords | undefined
/** The bundled word lists, validated once per isolate. */
export function loadTitleWords(): TitleWords {
  cached ??= parseTitleWords(titleWordsFile)
  return cached
}
