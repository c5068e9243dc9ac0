import { titleContext, type TitleContext } from './context'
import { isFlagged } from './flagged'
import { TITLE_LIMIT } from './length'
import { adLawRule } from './rules/ad-law'
import { diversionRule } from './rules/diversion'
import { emojiOverloadRule, punctuationRule, tooShortRule } from './rules/extras'
import { lengthRule } from './rules/length'
import { missingKeywordRule } from './rules/missing-keyword'
import { negativeToneRule } from './rules/negative-tone'
import { vagueRule } from './rules/vague'
import { explainScore, scoreOf } from './score'
import { suggestTitles } from './suggest'
import type { CheckOptions, Severity, TitleIssue, TitleReport } from './types'
import { loadTitleWords, type TitleWords } from './words'

export { isFlagged }

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

/** Info-only explanations that follow the findings; they do not count towards the score. */
export const NOTES = { score: 'score', rewrite: 'rewrite' } as const

const RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2 }
const labelOf = (rule: string) => RULES.find((r) => r.id === rule)?.label ?? rule

export interface Analysis {
  ctx: TitleContext
  issues: TitleIssue[]
}

/** The rule findings alone, worst first (no score, no rewrites). */
export function analyzeTitle(title: string, keywords: readonly string[] = [], words: TitleWords = loadTitleWords()): Analysis {
  const ctx = titleContext(title.trim(), keywords, words)
  const issues = RULES.flatMap((r) => r.run(ctx)).sort((a, b) => RANK[a.severity] - RANK[b.severity])
  return { ctx, issues }
}

/** Checks a draft 小红书 title. Pure and synchronous; runs on Workers and Node. */
export function checkTitle(title: string, options: CheckOptions = {}, words: TitleWords = loadTitleWords()): TitleReport {
  const keywords = options.keywords ?? []
  const { ctx, issues } = analyzeTitle(title, keywords, words)
  const score = scoreOf(issues)
  const notes: TitleIssue[] = []
  const rewrites = ctx.title ? suggestTitles(ctx, issues, (t) => analyzeTitle(t, keywords, words).issues) : { titles: [] }
  if (rewrites.advice) notes.push({ rule: NOTES.rewrite, severity: 'info', message: rewrites.advice.message, suggestion: rewrites.advice.suggestion })
  if (score.score < 100) notes.push({ rule: NOTES.score, severity: 'info', message: explainScore(score, labelOf) })
  return {
    title: ctx.title,
    length: ctx.length,
    limit: TITLE_LIMIT,
    score: score.score,
    issues: [...issues, ...notes],
    suggestions: rewrites.titles,
  }
}
