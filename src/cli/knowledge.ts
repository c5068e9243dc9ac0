// `knowledge check`: lint the knowledge files; exit 1 on any error, warnings only inform.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { lintKnowledge } from '../knowledge/lint'
import type { CliIo } from './io'

const file = (name: string) => fileURLToPath(new URL(`../../knowledge/${name}`, import.meta.url))

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args[0] !== 'check') {
    io.stderr.write('usage: knowledge check [--deep]   (--deep also checks each phrasing leave-one-out, ~10 s)\n')
    return 2
  }
  let intents: unknown
  let tips: unknown
  try {
    intents = JSON.parse(readFileSync(file('intents.json'), 'utf8'))
    tips = JSON.parse(readFileSync(file('tips.json'), 'utf8'))
  } catch (err) {
    io.stdout.write(`error: cannot read the knowledge files: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
  const issues = lintKnowledge(intents, tips, { leaveOneOut: args.includes('--deep') })
  for (const i of issues) io.stdout.write(`${i.severity === 'error' ? 'error' : 'warn '}  ${i.rule}  ${i.at}: ${i.message}\n`)
  const errors = issues.filter((i) => i.severity === 'error').length
  const warnings = issues.length - errors
  io.stdout.write(`${errors} error(s), ${warnings} warning(s)${errors ? '' : ' — knowledge OK'}\n`)
  return errors ? 1 : 0
}
