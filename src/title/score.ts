import type { Severity, TitleIssue } from './types'

const PENALTY: Record<Severity, number> = { error: 25, warn: 12, info: 3 }

/** 100 minus a penalty per issue: one error leaves 75, two errors 50, a warning costs 12. */
export function scoreOf(issues: readonly TitleIssue[]): number {
  const lost = issues.reduce((sum, i) => sum + PENALTY[i.severity], 0)
  return Math.max(0, 100 - lost)
}
