// `ask "<text>" [--json] [--chat ID] [--user ID] [--p2p] [--admin]`: what a chat would see, through the bot's own
// dispatch and handlers. With no text, one message per stdin line from the same user in the same chat, so the
// session carries from line to line ("展开说说" follows the answer before it).
import { createInterface } from 'node:readline'
import { createHandlers } from '../../handlers'
import { dispatch, type DispatchDeps } from '../bot/dispatch'
import type { InboundMessage } from '../bot/message'
import { loadConfig } from '../config'
import { loadKnowledge } from '../knowledge/knowledge'
import { primeMatcher } from '../matcher/matcher'
import { matcherAsBuilt } from './training-corpus'
import { askResult } from '../platforms/ask-result'
import { TAUGHT_KEY, TAUGHT_VERSION_KEY, TAUGHT_VERSION_TTL_SECONDS } from '../store/keys'
import { MemoryStore } from '../store/memory'
import type { Store } from '../store/store'
import { lastValue, parseArgs } from './args'
import { replyToText } from './reply-text'
import { stdinLines, type CliIo } from './io'
import { withCliStore } from './store'

const USAGE = 'usage: ask "<text>" [--json] [--chat ID] [--user ID] [--p2p] [--admin]   (no text: one message per stdin line)'

export interface AskIO {
  out: (line: string) => void
  err: (line: string) => void
  /** The messages when no text is given; stdin lines by default. */
  lines?: AsyncIterable<string>
  env?: Record<string, string | undefined>
  now?: () => Date
  /** Where the taught phrasings are read from; by default Redis from REDIS_URL, when it is set. */
  store?: Store
}

/**
 * The bot's own store, copied down to what answering needs: the taught phrasings. Everything `ask` writes
 * (sessions, the question log, rate limits) stays in its memory store, so a preview never shows up in the stats.
 */
async function previewStore(io: AskIO): Promise<MemoryStore> {
  const memory = new MemoryStore()
  if (!io.store && !io.env?.REDIS_URL) return memory
  await withCliStore({ store: io.store, env: io.env, err: io.err }, async (store) => {
    const [taught, version] = await Promise.all([store.hgetall(TAUGHT_KEY), store.get(TAUGHT_VERSION_KEY)])
    for (const [field, json] of Object.entries(taught)) await memory.hset(TAUGHT_KEY, field, json)
    if (version) await memory.set(TAUGHT_VERSION_KEY, version, TAUGHT_VERSION_TTL_SECONDS)
  })
  return memory
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
  const knowledge = loadKnowledge()
  // an edited knowledge file is answered as the next build will answer it (with the training corpus)
  primeMatcher(knowledge, matcherAsBuilt)
  const deps: DispatchDeps = {
    store: await previewStore(io),
    knowledge,
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
