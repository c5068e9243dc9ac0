// Operator CLI (Node only): `npm run --silent cli -- <subcommand> …`. stdout carries only results; logs go to stderr.
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { processIo, type CliIo } from './io'

type Command = { run(args: string[], io: CliIo): Promise<number> }

const commands: Record<string, () => Promise<Command>> = {
  ask: () => import('./ask'),
  match: () => import('./match'),
  knowledge: () => import('./knowledge'),
  'check-title': () => import('./check-title'),
  tip: () => import('./tip'),
  'push-tips': () => import('./push-tips'),
  stats: () => import('./stats'),
  questions: () => import('./questions'),
}

const USAGE = `usage: npm run --silent cli -- <subcommand> …
  ask "<text>" [--json] [--chat ID] [--user ID] [--p2p] [--admin]
                                        what the chat would see (no text: one message per stdin line)
  match --jsonl                         classify stdin lines {"text": …}
  knowledge check [--deep]              lint the knowledge files (exit 1 on errors)
  knowledge teach "<问题>" <intent> [--force] | forget "<问题>" | taught [--json] | pull
  stats [--days N] [--json]             questions, answered share, fallbacks, 👍/👎, top topics and unanswered
  questions [--unanswered] [--limit N] [--json]   the question log, newest first
  check-title "<title>" [--keyword K]… [--json] | --jsonl
  tip [--date YYYY-MM-DD] [--chat ID] [--json]
  push-tips [--dry-run]                 run the daily push now`

/** The whole CLI for one argv; never throws, answers the exit code. Tests call it in-process with their own io. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`)
    return 0
  }
  const load = name ? commands[name] : undefined
  if (load && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (!load) {
    io.stderr.write(`${name ? `unknown subcommand: ${name}\n` : ''}${USAGE}\n`)
    return 2
  }
  try {
    return await (await load()).run(rest, io)
  } catch (err) {
    io.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
}

function isProgram(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href
  } catch {
    return false
  }
}

// The process wrapper, only when this file is the program (`tsx src/cli/main.ts`), not when a test imports it.
if (isProgram()) {
  // `cli … | head` closes stdout early: that ends the output, it is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
}
if (isProgram()) void main(process.argv.slice(2), processIo()).then((code) => { process.exitCode = code })
