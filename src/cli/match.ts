// `match --jsonl`: classify stdin lines {"text": …}; the input's fields are copied through, followed by the
// matcher's decision: intent (the topic answered, or null), score, reason, candidates.
import { loadKnowledge } from '../knowledge/knowledge'
import { getMatcher } from '../matcher/matcher'
import { stdinLines, type CliIo } from './io'

export async function run(args: string[], io: CliIo): Promise<number> {
  if (!args.includes('--jsonl')) {
    io.stderr.write('usage: match --jsonl < questions.jsonl\n')
    return 2
  }
  const matcher = getMatcher(loadKnowledge())
  let failed = 0
  let lineNo = 0
  for await (const line of stdinLines(io)) {
    lineNo++
    if (!line.trim()) continue
    let input: unknown
    try {
      input = JSON.parse(line)
    } catch {
      input = undefined
    }
    if (!input || typeof input !== 'object' || Array.isArray(input) || typeof (input as { text?: unknown }).text !== 'string') {
      io.stderr.write(`line ${lineNo}: expected a JSON object with a "text" string\n`)
      failed++
      continue
    }
    const { intent, score, reason, candidates } = matcher.match((input as { text: string }).text)
    io.stdout.write(`${JSON.stringify({ ...input, intent, score, reason, candidates })}\n`)
  }
  return failed ? 1 : 0
}
