import type { Severity } from './types'

/** "Flagged" in interfaces.md: an error or a warning (info is only a note). */
export function isFlagged(issue: { severity: Severity }): boolean {
  return issue.severity === 'error' || issue.severity === 'warn'
}
