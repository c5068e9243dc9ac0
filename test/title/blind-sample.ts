import { checkTitle, isFlagged } from '../../src/title'
import { loadTitleSet, TITLE_SETS } from './labelled'

/**
 * The 100 suggestions sent for a blind read: the first suggestion for each flagged title of the existing
 * and tuning sets (never the held-out set), taken round-robin over the first flagged rule so every rule
 * is represented, in file order. Deterministic, so the judged set can be compared with what the code
 * produces now.
 */
export function blindSample(size = 100): string[] {
  const groups = new Map<string, string[]>()
  for (const file of [TITLE_SETS.existing, TITLE_SETS.tuning]) {
    for (const row of loadTitleSet(file)) {
      const report = checkTitle(row.title, { keywords: row.keywords })
      const rule = report.issues.find(isFlagged)?.rule
      const first = report.suggestions[0]
      if (!rule || !first) continue
      groups.set(rule, [...(groups.get(rule) ?? []), first])
    }
  }
  const out: string[] = []
  const queues = [...groups.values()].map((q) => [...new Set(q)])
  while (out.length < size && queues.some((q) => q.length)) {
    for (const q of queues) {
      const next = q.shift()
      if (next && !out.includes(next) && out.length < size) out.push(next)
    }
  }
  return out
}
