import type { TitleContext } from '../context'
import { findPatterns, findTerms, longestFirst, type TermHit } from '../find-terms'
import { originalOf } from '../normalized'
import type { TitleIssue } from '../types'
import type { AdLawTerm } from '../words'

export function findAdLaw(ctx: TitleContext): TermHit<AdLawTerm>[] {
  const { terms, patterns, allow } = ctx.words.adLaw
  const fromPatterns = findPatterns(ctx.norm, patterns, allow, (p): AdLawTerm => ({
    term: p.name, replacement: p.replacement, basis: p.basis, severity: p.severity,
  }))
  // A listed term (最好 → 很好用的) beats the generic 最 pattern at the same place: longest wins.
  return longestFirst([...findTerms(ctx.norm, terms, allow), ...fromPatterns])
}

const WHY: Record<string, string> = {
  '§9': '是绝对化用语，《广告法》第九条禁止',
  '§17': '是医疗/功效宣称，《广告法》第十七条不允许非药品这样说',
  '§25': '是收益保证，《广告法》第二十五条禁止对投资回报作保证性承诺',
}

/** 《广告法》§9 absolute / superlative terms and §17 medical or efficacy claims. */
export function adLawRule(ctx: TitleContext): TitleIssue[] {
  return findAdLaw(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    const { basis, severity, replacement } = hit.entry
    const why = WHY[basis] ?? `违反《广告法》${basis}`
    const shown = match.length === 1 ? `${match}${ctx.title.slice(ctx.norm.starts[hit.end] ?? 0).slice(0, 3)}…` : match
    const message = `「${shown}」${why}，笔记容易被判违规或限流`
    const suggestion = replacement
      ? `${match.length === 1 ? `把「${match}」` : ''}改成「${replacement}」，或用真实体验代替，如“用了30天”`
      : `删掉「${match}」，用真实体验代替`
    return { rule: 'ad-law', severity, match, message, suggestion }
  })
}
