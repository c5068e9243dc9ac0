import { memoized, type TitleContext } from '../context'
import { findPatterns, findTerms, longestFirst, type TermHit } from '../find-terms'
import { originalOf } from '../normalized'
import type { TitleIssue } from '../types'
import type { AdLawTerm } from '../words'

export function findAdLaw(ctx: TitleContext): TermHit<AdLawTerm>[] {
  return memoized(ctx, 'ad-law', () => findAdLawUncached(ctx))
}

function findAdLawUncached(ctx: TitleContext): TermHit<AdLawTerm>[] {
  const { terms, patterns } = ctx.words.adLaw
  const fromPatterns = findPatterns(ctx.norm, patterns, ctx.words.adLaw, (p): AdLawTerm => ({
    term: p.name, replacement: p.replacement, reason: p.reason, basis: p.basis, severity: p.severity,
  }))
  // Longest wins, so a listed term (最好 → 很好) beats the generic 最 pattern; at equal length a pattern
  // wins, because patterns carry the context (国家级 before 大师 → 资深).
  return longestFirst([...fromPatterns, ...findTerms(ctx.norm, terms, ctx.words.adLaw)])
}

const ARTICLE: Record<string, string> = {
  '§9': '第九条', '§16': '第十六条', '§17': '第十七条', '§18': '第十八条', '§24': '第二十四条', '§25': '第二十五条', '§28': '第二十八条',
}

/** The replacement as it would read in the title ($1 from a pattern filled in). */
export function replacementFor(ctx: TitleContext, hit: TermHit<AdLawTerm>): string {
  if (!hit.entry.replacement.includes('$')) return hit.entry.replacement
  const pattern = ctx.words.adLaw.patterns.find((p) => p.name === hit.entry.term)
  const re = pattern ? new RegExp(pattern.pattern, 'uy') : undefined
  if (re) re.lastIndex = hit.start
  const m = re?.exec(ctx.norm.text)
  return hit.entry.replacement.replace(/\$(\d)/g, (_, i: string) => m?.[Number(i)] ?? '')
}

/** 《广告法》 absolute, superlative, endorsement, efficacy, guarantee and superstition claims. */
export function adLawRule(ctx: TitleContext): TitleIssue[] {
  return findAdLaw(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    const { basis, severity, reason } = hit.entry
    const article = ARTICLE[basis] ?? basis
    const replacement = replacementFor(ctx, hit)
    const shown = match.length === 1 ? `${match}${ctx.title.slice(ctx.norm.starts[hit.end] ?? 0).slice(0, 3)}…` : match
    const message = `「${shown}」是${reason}，《广告法》${article}不允许，笔记容易被判违规或限流`
    const suggestion = replacement
      ? `把「${match}」改成「${replacement}」，或换成真实体验，如“用了30天”`
      : `删掉「${match}」，换成真实体验，如“用了30天的变化”`
    return { rule: 'ad-law', severity, match, message, suggestion }
  })
}
