import type { Severity, TitleIssue } from './types'

const PENALTY: Record<Severity, number> = { error: 25, warn: 12, info: 3 }
/** Notes are hints, not problems: together they cost at most this much. */
const INFO_CAP = 9
/** A title with an error cannot be posted as written (too long) or risks a penalty: it stays below 60. */
export const ERROR_CAP = 59

export interface ScorePart {
  rule: string
  severity: Severity
  points: number
}

export interface Score {
  score: number
  parts: ScorePart[]
  /** Set when the error cap lowered the score. */
  capped: boolean
}

/**
 * 100 minus 25 per error, 12 per warning and 3 per note (notes at most 9 in all); any error caps the
 * score at 59. So ≥ 85 means ready to post, 60–84 worth improving, below 60 must be fixed first.
 */
export function scoreOf(issues: readonly TitleIssue[]): Score {
  const parts: ScorePart[] = []
  let info = 0
  for (const i of issues) {
    let points = PENALTY[i.severity]
    if (i.severity === 'info') {
      points = Math.min(points, INFO_CAP - info)
      info += points
    }
    if (points > 0) parts.push({ rule: i.rule, severity: i.severity, points })
  }
  const raw = Math.max(0, 100 - parts.reduce((sum, p) => sum + p.points, 0))
  const hasError = issues.some((i) => i.severity === 'error')
  const score = hasError ? Math.min(raw, ERROR_CAP) : raw
  return { score, parts, capped: score < raw }
}

const MARK: Record<Severity, string> = { error: '❌', warn: '⚠️', info: 'ℹ️' }

/** "100 − 25（长度❌）− 12（情绪⚠️）= 63 → 有❌必改项，最高59分 → 59". */
export function explainScore(s: Score, labelOf: (rule: string) => string): string {
  const sum = s.parts.map((p) => ` − ${p.points}（${labelOf(p.rule)}${MARK[p.severity]}）`).join('')
  const raw = Math.max(0, 100 - s.parts.reduce((n, p) => n + p.points, 0))
  const cap = s.capped ? `；有❌必改项，最高 ${ERROR_CAP} 分 → ${s.score}` : ''
  return `评分 ${s.score}：100${sum} = ${raw}${cap}。❌ 扣25、⚠️ 扣12、ℹ️ 扣3（最多扣9）；85分以上可以直接发，60–84 建议改，60 以下先改再发`
}
