import { titleContext, type TitleContext } from './context'
import { TITLE_LIMIT } from './length'
import { adLawRule } from './rules/ad-law'
import { diversionRule } from './rules/diversion'
import { emojiOverloadRule, punctuationRule, tooShortRule } from './rules/extras'
import { lengthRule } from './rules/length'
import { missingKeywordRule } from './rules/missing-keyword'
import { negativeToneRule } from './rules/negative-tone'
import { vagueRule } from './rules/vague'
import { scoreOf } from './score'
import { suggestTitles } from './suggest'
import type { CheckOptions, Severity, TitleIssue, TitleReport } from './types'
import { loadTitleWords, type TitleWords } from './words'

type Rule = (ctx: TitleContext) => TitleIssue[]

/** In report order; the ids are the contract in interfaces.md. */
export const RULES: readonly { id: string; label: string; run: Rule }[] = [
  { id: 'length', label: '长度', run: lengthRule },
  { id: 'ad-law', label: '广告法', run: adLawRule },
  { id: 'diversion', label: '导流', run: diversionRule },
  { id: 'negative-tone', label: '情绪', run: negativeToneRule },
  { id: 'missing-keyword', label: '关键词', run: missingKeywordRule },
  { id: 'vague', label: '具体度', run: vagueRule },
  { id: 'too-short', label: '太短', run: tooShortRule },
  { id: 'emoji-overload', label: '表情', run: emojiOverloadRule },
  { id: 'punctuation-overload', label: '标点', run: punctuationRule },
]

const RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2 }

export function isFlagged(issue: TitleIssue): boolean {
  return issue.severity === 'error' || issue.severity === 'warn'
}

/** Checks a draft 小红书 title. Pure and synchronous; runs on Workers and Node. */
export function checkTitle(title: string, options: CheckOptions = {}, words: TitleWords = loadTitleWords()): TitleReport {
  const text = title.trim()
  const ctx = titleContext(text, options.keywords ?? [], words)
  const issues = RULES.flatMap((r) => r.run(ctx)).sort((a, b) => RANK[a.severity] - RANK[b.severity])
  return {
    title: text,
    length: ctx.length,
    limit: TITLE_LIMIT,
    score: scoreOf(issues),
    issues,
    suggestions: text ? suggestTitles(ctx, issues.some(isFlagged)) : [],
  }
}
