import { z } from 'zod'
import titleWordsFile from '../../knowledge/title-words.json'

const severity = z.enum(['error', 'warn', 'info'])
const nonEmpty = z.string().trim().min(1)

/** A regular expression source (matched with flags "gu" against the lower-cased, half-width title). */
const regexSource = nonEmpty.refine((src) => {
  try {
    new RegExp(src, 'gu')
    return true
  } catch {
    return false
  }
}, 'not a valid regular expression')

/** 广告法 article the term breaks: §9 absolute terms, §17 medical/efficacy claims, §25 promised returns. */
const basis = z.string().regex(/^§\d+$/, 'basis looks like "§9"')

export const AdLawTermSchema = z.object({
  term: nonEmpty,
  /** Written into the suggested titles in place of the term. */
  replacement: z.string(),
  basis,
  severity,
})

export const AdLawPatternSchema = z.object({
  name: nonEmpty,
  pattern: regexSource,
  replacement: z.string(),
  basis,
  severity,
  note: z.string().optional(),
})

export const DiversionPatternSchema = z.object({
  name: nonEmpty,
  pattern: regexSource,
  severity,
  kind: z.enum(['contact', 'shop', 'platform']),
  note: z.string().optional(),
})

export const DiversionTermSchema = z.object({
  term: nonEmpty,
  severity,
  /** contact: 微信/QQ/群…; shop: other shopping platforms; platform: other content platforms. */
  kind: z.enum(['contact', 'shop', 'platform']),
})

export const NegativeTermSchema = z.object({
  term: nonEmpty,
  severity,
  /** Empty string: just drop the word in suggestions. */
  replacement: z.string(),
})

export const TitleWordsSchema = z.object({
  version: nonEmpty,
  notes: z.string().optional(),
  adLaw: z.object({
    terms: z.array(AdLawTermSchema).min(100),
    /** For shapes a word list cannot hold (最 + any adjective, "7天瘦10斤"); allow words still apply. */
    patterns: z.array(AdLawPatternSchema).default([]),
    /** Everyday words that contain a term and must not fire (最近, 第一次 …). */
    allow: z.array(nonEmpty),
  }),
  diversion: z.object({
    terms: z.array(DiversionTermSchema).min(1),
    allow: z.array(nonEmpty),
    patterns: z.array(DiversionPatternSchema).default([]),
    /** Also look for mainland mobile numbers 1[3-9]\d{9}, spaces and dashes allowed. */
    phone: z.boolean(),
  }),
  negativeTone: z.object({
    terms: z.array(NegativeTermSchema).min(1),
    allow: z.array(nonEmpty),
  }),
  vague: z.object({
    /** Phrases that carry no information (随便拍拍, 今日份碎碎念 …). */
    phrases: z.array(nonEmpty),
    /** Words ignored when measuring how much concrete content is left. */
    fillers: z.array(nonEmpty),
    /** Fewer content characters than this (and no number) → the title is vague. */
    minDetail: z.number().int().min(1),
  }),
})

export type TitleWords = z.infer<typeof TitleWordsSchema>
export type AdLawTerm = z.infer<typeof AdLawTermSchema>
export type AdLawPattern = z.infer<typeof AdLawPatternSchema>
export type DiversionPattern = z.infer<typeof DiversionPatternSchema>
export type DiversionTerm = z.infer<typeof DiversionTermSchema>
export type NegativeTerm = z.infer<typeof NegativeTermSchema>

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
