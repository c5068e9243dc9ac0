import * as z from 'zod'

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

/** 广告法 article the term breaks: §9 absolute terms, §17 medical claims, §24 exam guarantees … */
const basis = z.string().regex(/^§\d+$/, 'basis looks like "§9"')
/** Shown to the creator: what kind of claim or wording this is. */
const reason = nonEmpty
/** Written into rewrites in place of the match; "" drops the phrase (and a 的 right after it). */
const replacement = z.string()

export const AdLawTermSchema = z.object({ term: nonEmpty, replacement, reason, basis, severity })
export const AdLawPatternSchema = z.object({
  name: nonEmpty, pattern: regexSource, replacement, reason, basis, severity, note: z.string().optional(),
})

const diversionKind = z.enum(['contact', 'shop', 'platform'])
export const DiversionTermSchema = z.object({
  term: nonEmpty,
  /** Diversion is always removed with its call to action (加…领取); kept for a uniform file. */
  replacement,
  reason,
  /** contact: 微信/QQ/群/公众号…; shop: other shopping platforms; platform: other content platforms. */
  kind: diversionKind,
  severity,
})
export const DiversionPatternSchema = z.object({
  name: nonEmpty, pattern: regexSource, reason, kind: diversionKind, severity, note: z.string().optional(),
})

export const NegativeTermSchema = z.object({ term: nonEmpty, replacement, reason, severity })
export const NegativePatternSchema = z.object({
  name: nonEmpty, pattern: regexSource, replacement, reason, severity, note: z.string().optional(),
})

/** Everyday words that contain a term and must not fire (最近, 第一次 …), as words and as patterns. */
const allow = z.array(nonEmpty)
const allowPatterns = z.array(regexSource).default([])

export const TitleWordsSchema = z.object({
  version: nonEmpty,
  notes: z.string().optional(),
  adLaw: z.object({
    terms: z.array(AdLawTermSchema).min(100),
    /** For shapes a word list cannot hold (最 + any adjective, "7天瘦10斤"); allow words still apply. */
    patterns: z.array(AdLawPatternSchema).default([]),
    allow,
    allowPatterns,
  }),
  diversion: z.object({
    terms: z.array(DiversionTermSchema).min(1),
    patterns: z.array(DiversionPatternSchema).default([]),
    allow,
    allowPatterns,
    /** Also look for mainland mobile numbers 1[3-9]\d{9}, spaces and dashes allowed. */
    phone: z.boolean(),
  }),
  negativeTone: z.object({
    terms: z.array(NegativeTermSchema).min(1),
    patterns: z.array(NegativePatternSchema).default([]),
    allow,
    allowPatterns,
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
export type DiversionTerm = z.infer<typeof DiversionTermSchema>
export type DiversionPattern = z.infer<typeof DiversionPatternSchema>
export type NegativeTerm = z.infer<typeof NegativeTermSchema>
export type NegativePattern = z.infer<typeof NegativePatternSchema>
