// `knowledge check [--deep]`: a one-line summary, then the errors, then the warnings grouped by rule.
import type { LintIssue } from '../knowledge/lint'
import { lintKnowledge } from '../knowledge/lint'
import { matcherAsBuilt } from './training-corpus'
import { knowledgeFile, readJson } from './knowledge-files'
import type { LineIo } from './store'

interface Counts {
  intents: number
  phrasings: number
  outOfScope: number
  tips: number
}

function countsOf(intents: unknown, tips: unknown): Counts {
  const i = intents as { intents?: { phrasings?: unknown[] }[]; outOfScope?: unknown[] }
  const t = tips as { tips?: unknown[] }
  const list = Array.isArray(i?.intents) ? i.intents : []
  return {
    intents: list.length,
    phrasings: list.reduce((n, x) => n + (Array.isArray(x?.phrasings) ? x.phrasings.length : 0), 0),
    outOfScope: Array.isArray(i?.outOfScope) ? i.outOfScope.length : 0,
    tips: Array.isArray(t?.tips) ? t.tips.length : 0,
  }
}

/** The report: summary first; errors one by one; warnings under one heading per rule, with their count. */
export function formatLint(issues: LintIssue[], counts: Counts): string[] {
  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.filter((i) => i.severity === 'warning')
  const lines = [
    `${counts.intents} intents, ${counts.phrasings} phrasings, ${counts.outOfScope} off-topic examples, ${counts.tips} tips: ` +
      `${errors.length} error(s), ${warnings.length} warning(s)${errors.length ? '' : ' — knowledge OK'}`,
  ]
  if (errors.length) {
    lines.push('', `errors (${errors.length}):`)
    for (const e of errors) lines.push(`  ${e.rule}  ${e.at}: ${e.message}`)
  }
  const byRule = new Map<string, LintIssue[]>()
  for (const w of warnings) byRule.set(w.rule, [...(byRule.get(w.rule) ?? []), w])
  for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length)) {
    lines.push('', `warnings: ${rule} (${list.length})`)
    for (const w of list) lines.push(`  ${w.at}: ${w.message}`)
  }
  return lines
}

export async function runKnowledgeCheck(args: string[], io: LineIo, files = { intents: knowledgeFile('intents.json'), tips: knowledgeFile('tips.json') }): Promise<number> {
  const unknown = args.filter((a) => a !== '--deep')
  if (unknown.length) {
    io.err(`unknown argument: ${unknown[0]}\nusage: knowledge check [--deep]`)
    return 2
  }
  let intents: unknown
  let tips: unknown
  try {
    intents = readJson(files.intents)
    tips = readJson(files.tips)
  } catch (err) {
    io.out(`error: cannot read the knowledge files: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  const issues = lintKnowledge(intents, tips, { leaveOneOut: args.includes('--deep'), matcherFor: matcherAsBuilt })
  for (const line of formatLint(issues, countsOf(intents, tips))) io.out(line)
  return issues.some((i) => i.severity === 'error') ? 1 : 0
}
