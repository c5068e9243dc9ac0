// `check-title "<title>" [--keyword K]… [--json]` and `check-title --jsonl` (stdin → one report per line).
import { checkTitle } from '../title/check'
import type { Severity, TitleReport } from '../title/types'
import { parseArgs } from './args'
import { stdinLines, type CliIo } from './io'

const USAGE = 'usage: check-title "<title>" [--keyword K]… [--json] | check-title --jsonl < titles.jsonl'

interface Args { title: string; keywords: string[]; json: boolean; jsonl: boolean }

function parseCheckTitleArgs(args: string[]): Args | string {
  const parsed = parseArgs(args, { booleans: ['--json', '--jsonl'], values: ['--keyword'], aliases: { '-k': '--keyword' } })
  if (typeof parsed === 'string') return parsed
  const keywords = (parsed.values.get('--keyword') ?? []).flatMap((k) => k.split(/[,，、]/)).map((k) => k.trim()).filter(Boolean)
  const out: Args = { title: parsed.words.join(' '), keywords, json: parsed.flags.has('--json'), jsonl: parsed.flags.has('--jsonl') }
  if (!out.jsonl && !out.title.trim()) return 'a title is required'
  return out
}

const MARK: Record<Severity, string> = { error: '✗', warn: '!', info: 'i' }

export function formatReport(r: TitleReport): string {
  const lines = [`${r.title}`, `score ${r.score}/100 · length ${r.length}/${r.limit}`]
  if (!r.issues.length) lines.push('no issues')
  for (const i of r.issues) {
    lines.push(`${MARK[i.severity]} [${i.rule}] ${i.match ? `「${i.match}」 ` : ''}${i.message}`)
    if (i.suggestion) lines.push(`    → ${i.suggestion}`)
  }
  if (r.suggestions.length) lines.push('suggestions:', ...r.suggestions.map((s) => `  - ${s}`))
  return lines.join('\n')
}

/** One report per stdin line; a bad line gets {"error": …} so output lines stay aligned with input. */
async function runJsonl(io: CliIo): Promise<number> {
  let failed = false
  let n = 0
  for await (const line of stdinLines(io)) {
    n++
    if (!line.trim()) continue
    try {
      const row = JSON.parse(line) as { title?: unknown; keywords?: unknown }
      if (typeof row.title !== 'string') throw new Error('"title" must be a string')
      const keywords = row.keywords === undefined ? [] : row.keywords
      if (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string')) {
        throw new Error('"keywords" must be an array of strings')
      }
      io.stdout.write(`${JSON.stringify(checkTitle(row.title, { keywords }))}\n`)
    } catch (err) {
      failed = true
      const reason = err instanceof Error ? err.message : String(err)
      io.stderr.write(`line ${n}: ${reason}\n`)
      io.stdout.write(`${JSON.stringify({ error: `line ${n}: ${reason}` })}\n`)
    }
  }
  return failed ? 1 : 0
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCheckTitleArgs(args)
  if (typeof parsed === 'string') {
    io.stderr.write(`${parsed}\n${USAGE}\n`)
    return 2
  }
  if (parsed.jsonl) return runJsonl(io)
  const report = checkTitle(parsed.title, { keywords: parsed.keywords })
  io.stdout.write(parsed.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`)
  return 0
}
