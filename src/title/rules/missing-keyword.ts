import { CITE_KEYWORDS } from '../cite'
import type { TitleContext } from '../context'
import { rawUnits } from '../length'
import { fold, originalOf } from '../normalized'
import type { TitleIssue } from '../types'

export type KeywordPlace = { keyword: string; start: number; end: number } | { keyword: string; start: -1; end: -1 }

/** Where each target keyword sits (normalized offsets), -1 when absent. */
export function keywordPlaces(ctx: TitleContext): KeywordPlace[] {
  return ctx.keywords.map((keyword) => {
    const k = fold(keyword)
    const start = ctx.norm.text.indexOf(k)
    return start < 0 ? { keyword, start: -1, end: -1 } : { keyword, start, end: start + k.length }
  })
}

/**
 * Late means the keyword starts after the first third of the title (and more than 3 units in),
 * where a reader skimming search results may not see it. That is info, not a warning:
 * the title still ranks for it.
 */
export function isLate(ctx: TitleContext, place: KeywordPlace): boolean {
  if (place.start < 0) return false
  const before = rawUnits(ctx.title.slice(0, ctx.norm.starts[place.start] ?? 0))
  return before > 3 && before > ctx.length / 3
}

export function missingKeywordRule(ctx: TitleContext): TitleIssue[] {
  const issues: TitleIssue[] = []
  for (const place of keywordPlaces(ctx)) {
    if (place.start < 0) {
      issues.push({
        rule: 'missing-keyword',
        severity: 'warn',
        match: place.keyword,
        message: `标题里没有目标关键词「${place.keyword}」，搜这个词的人很难找到这篇笔记；${CITE_KEYWORDS}`,
        suggestion: `把「${place.keyword}」放进标题前半段`,
      })
    } else if (isLate(ctx, place)) {
      const match = originalOf(ctx.norm, place)
      issues.push({
        rule: 'missing-keyword',
        severity: 'info',
        match,
        message: `关键词「${match}」在标题后段，搜索结果里读者先看到的是前几个字`,
        suggestion: `把「${match}」挪到标题开头`,
      })
    }
  }
  return issues
}
