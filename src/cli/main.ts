// Operator CLI (Node only): `npm run --silent cli -- <subcommand> …`. stdout carries only results; logs go to stderr.
type Command = { run(args: string[]): Promise<number> }

const commands: Record<string, () => Promise<Command>> = {
  ask: () => import('./ask'),
  match: () => import('./match'),
  knowledge: () => import('./knowledge'),
  'check-title': () => import('./check-title'),
  tip: () => import('./tip'),
  'push-tips': () => import('./push-tips'),
}

const USAGE = `usage: npm run --silent cli -- <subcommand> …
  ask "<text>" [--json] [--chat ID] [--user ID] [--p2p] [--admin]
                                        what the chat would see (no text: one message per stdin line)
  match --jsonl                         classify stdin lines {"text": …}
  knowledge check [--deep]              lint the knowledge files (exit 1 on errors)
  check-title "<title>" [--keyword K]… [--json] | --jsonl
  tip [--date YYYY-MM-DD] [--chat ID] [--json]
  push-tips [--dry-run]                 run the daily push now`

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const load = name ? commands[name] : undefined
  if (!load) {
    process.stderr.write(`${name ? `unknown subcommand: ${name}\n` : ''}${USAGE}\n`)
    return 2
  }
  return (await load()).run(rest)
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  },
)
