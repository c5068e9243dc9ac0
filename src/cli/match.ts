// `match --jsonl`: classify stdin lines {"text": …}; the input's fields are copied through, followed by the
// matcher's decision: intent (the topic answered, or null), score, reason, candidates.
import { parseCommand } from '../../handlers/commands'
import { parseOperatorCommand } from '../../handlers/operator-commands'
import { parseTitleRequest } from '../../handlers/title-request'
import { loadKnowledge } from '../knowledge/knowledge'
import { getMatcher, primeMatcher } from '../matcher/matcher'
import { matcherAsBuilt } from './training-corpus'
import { stdinLines, type CliIo } from './io'

export async function run(args: string[], io: CliIo): Promise<number> {
  if (!args.includes('--jsonl')) {
    io.stderr.write('usage: match --jsonl < questions.jsonl\n')
    return 2
  }
  const knowledge = loadKnowledge()
  primeMatcher(knowledge, matcherAsBuilt)
  const matcher = getMatcher(knowledge)
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
    const text = (input as { text: string }).text
    // A command or a title check never reaches the matcher in a chat: say so instead of guessing a topic.
    const command = commandIn(text)
    if (command) {
      io.stdout.write(`${JSON.stringify({ ...input, intent: null, score: 0, reason: command, candidates: [] })}\n`)
      continue
    }
    const { intent, score, reason, candidates } = matcher.match(text)
    io.stdout.write(`${JSON.stringify({ ...input, intent, score, reason, candidates })}\n`)
  }
  return failed ? 1 : 0
}

/** What the bot's command handlers would take this line as, if anything (the @mention removed as a chat removes it). */
function commandIn(text: string): string | null {
  const t = text.replace(/^\s*@\S+\s*/, '')
  if (parseCommand(t) || parseOperatorCommand(t)) return 'command'
  if (parseTitleRequest(t)) return 'title check'
  return null
}
