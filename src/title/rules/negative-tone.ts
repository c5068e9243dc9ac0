import { CITE_WARM } from '../cite'
import type { TitleContext } from '../context'
import { findTerms, type TermHit } from '../find-terms'
import { originalOf } from '../normalized'
import type { TitleIssue } from '../types'
import type { NegativeTerm } from '../words'

export function findNegative(ctx: TitleContext): TermHit<NegativeTerm>[] {
  return findTerms(ctx.norm, ctx.words.negativeTone.terms, ctx.words.negativeTone.allow)
}

/** Insults, conflict and strong negative emotion; 避雷-style genre words only as info. */
export function negativeToneRule(ctx: TitleContext): TitleIssue[] {
  return findNegative(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    const { severity, replacement } = hit.entry
    const message = severity === 'info'
      ? `「${match}」在小红书很常见、不算违规，但偏负面；${CITE_WARM}`
      : `「${match}」带有攻击或强烈负面情绪；${CITE_WARM}`
    const fix = replacement ? `换成「${replacement}」` : `删掉「${match}」`
    return {
      rule: 'negative-tone',
      severity,
      match,
      message,
      suggestion: `${fix}，写成“踩坑后怎么解决”的积极角度`,
    }
  })
}
