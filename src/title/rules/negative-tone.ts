import { CITE_WARM } from '../cite'
import { memoized, type TitleContext } from '../context'
import { findPatterns, findTerms, longestFirst, type TermHit } from '../find-terms'
import { originalOf } from '../normalized'
import type { TitleIssue } from '../types'
import type { NegativeTerm } from '../words'

export function findNegative(ctx: TitleContext): TermHit<NegativeTerm>[] {
  return memoized(ctx, 'negative-tone', () => findNegativeUncached(ctx))
}

function findNegativeUncached(ctx: TitleContext): TermHit<NegativeTerm>[] {
  const list = ctx.words.negativeTone
  const fromPatterns = findPatterns(ctx.norm, list.patterns, list, (p): NegativeTerm => ({
    term: p.name, replacement: p.replacement, reason: p.reason, severity: p.severity,
  }))
  // Patterns first: at equal length the one with context (被房东气死了 → 气到) wins.
  return longestFirst([...fromPatterns, ...findTerms(ctx.norm, list.terms, list)])
}

/** Insults, conflict and strong negative emotion; 避雷-style genre words only as info. */
export function negativeToneRule(ctx: TitleContext): TitleIssue[] {
  return findNegative(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    const { severity, replacement, reason } = hit.entry
    const message = `「${match}」是${reason}；${CITE_WARM}`
    const fix = replacement ? `换成「${replacement}」` : `删掉「${match}」`
    return {
      rule: 'negative-tone',
      severity,
      match,
      message,
      suggestion: `${fix}，写清发生了什么、你是怎么解决的`,
    }
  })
}
