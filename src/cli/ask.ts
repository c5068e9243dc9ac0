// `ask "<text>" [--json] [--chat ID] [--user ID] [--p2p] [--admin]`: what a chat would see, through the bot's own
// dispatch and handlers. With no text, one message per stdin line from the same user in the same chat, so the
// session carries from line to line ("展开说说" follows the answer before it).
import { createInterface } from 'node:readline'
import { createHandlers } from '../../handlers'
import { dispatch, type DispatchDeps } from '../bot/dispatch'
import type { InboundMessage } from '../bot/message'
import { loadConfig } from '../config'
import { loadKnowledge } from '../knowledge/knowledge'
import { askResult } from '../platforms/ask-result'
import { MemoryStore } from '../store/memory'
import { lastValue, parseArgs } from './args'
import { replyToText } from './reply-text'
import { stdinLines, type CliIo } from './io'

const USAGE = 'usage: ask "<text>" [--json] [--chat ID] [--user ID] [--p2p] [--admin]   (no text: one message per stdin line)'

export interface AskIO {
  out: (line: string) => void
  err: (line: string) => void
  /** The messages when no text is given; stdin lines by default. */
  lines?: AsyncIterable<string>
  env?: Record<string, string | undefined>
  now?: () => Date
}

export { askResult, type AskResult } from '../platforms/ask-result'

export async function runAsk(args: string[], io: AskIO): Promise<number> {
  const parsed = parseArgs(args, { booleans: ['--json', '--p2p', '--admin'], values: ['--chat', '--user'] })
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n${USAGE}`)
    return 2
  }
  const config = loadConfig(io.env ?? process.env)
  const senderId = lastValue(parsed, '--user') ?? 'cli-user'
  const chat: Omit<InboundMessage, 'messageId' | 'text'> = {
    platform: 'feishu',
    chatId: lastValue(parsed, '--chat') ?? 'cli-chat',
    chatType: parsed.flags.has('--p2p') ? 'p2p' : 'group',
    senderId,
    // In a group the CLI speaks to the bot, so every message counts as an @mention.
    mentionsBot: true,
  }
  const deps: DispatchDeps = {
    store: new MemoryStore(),
    knowledge: loadKnowledge(),
    handlers: createHandlers({ wecomApiBase: config.WECOM_API_BASE }),
    timeZone: config.TZ_NAME,
    // --admin adds the sender to ADMIN_IDS; without it the sender is whoever ADMIN_IDS makes them.
    adminIds: parsed.flags.has('--admin') ? [...config.ADMIN_IDS, senderId] : config.ADMIN_IDS,
    // An operator trying phrasings should never be told to slow down.
    rateLimitPerMinute: Number.POSITIVE_INFINITY,
    now: io.now,
    log: io.err,
  }
  const json = parsed.flags.has('--json')
  let n = 0
  const answer = async (text: string) => {
    const result = askResult(await dispatch({ ...chat, messageId: `cli-${++n}`, text: text.trim() }, deps))
    if (json) io.out(JSON.stringify(result))
    else io.out(`${n > 1 ? '\n' : ''}${result.reply ? replyToText(result.reply) : '(no reply)'}`)
  }

  if (parsed.words.length) {
    await answer(parsed.words.join(' '))
    return 0
  }
  for await (const line of io.lines ?? createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) await answer(line)
  }
  return 0
}

export function run(args: string[], io: CliIo): Promise<number> {
  return runAsk(args, {
    out: (line) => void io.stdout.write(`${line}\n`),
    err: (line) => void io.stderr.write(`${line}\n`),
    lines: stdinLines(io),
    env: io.env,
  })
}
