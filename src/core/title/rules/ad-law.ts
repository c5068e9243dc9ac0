import type { TitleContext } from '../context'
import { findTerms, type TermHit } from '../find-terms'
import { originalOf } from '../normalized'
import type { TitleIssue } from '../types'
import type { AdLawTerm } from '../words'

export function findAdLaw(ctx: TitleContext): TermHit<AdLawTerm>[] {
  return findTerms(ctx.norm, ctx.words.adLaw.terms, ctx.words.adLaw.allow)
}

/** 《广告法》§9 absolute / superlative terms and §17 medical or efficacy claims. */
export function adLawRule(ctx: TitleContext): TitleIssue[] {
  return findAdLaw(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    const { basis, severity, replacement } = hit.entry
    const message = basis === '§17'
      ? `「${match}」是医疗/功效宣称，《广告法》第十七条不允许非药品这样说，笔记容易被判违规或限流`
      : `「${match}」是绝对化用语，《广告法》第九条禁止，笔记容易被判违规或限流`
    const suggestion = replacement
      ? `改成「${replacement}」，或用真实体验代替，如“用了30天”`
      : `删掉「${match}」，用真实体验代替`
    return { rule: 'ad-law', severity, match, message, suggestion }
  })
}
