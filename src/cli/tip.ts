// `tip [--date YYYY-MM-DD] [--chat ID] [--json]`: the tip a chat gets on a date (same choice as the cron).
import { loadKnowledge } from '../knowledge/knowledge'
import { isLocalDate, localDate, tipForDate } from '../tips/schedule'
import { lastValue, parseArgs } from './args'
import type { CliIo } from './io'

const USAGE = 'usage: tip [--date YYYY-MM-DD] [--chat ID] [--json]'

export interface TipArgs {
  date?: string
  chat?: string
  json: boolean
}

export function parseTipArgs(args: string[]): TipArgs | string {
  const parsed = parseArgs(args, { booleans: ['--json'], values: ['--date', '--chat'] })
  if (typeof parsed === 'string') return parsed
  if (parsed.words.length) return `unknown argument: ${parsed.words[0]}`
  const out: TipArgs = { json: parsed.flags.has('--json') }
  const date = lastValue(parsed, '--date')
  const chat = lastValue(parsed, '--chat')
  if (date !== undefined) out.date = date
  if (chat !== undefined) out.chat = chat
  if (out.date !== undefined && !isLocalDate(out.date)) return `--date must be a real date as YYYY-MM-DD (got ${out.date})`
  return out
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseTipArgs(args)
  if (typeof parsed === 'string') {
    io.stderr.write(`${parsed}\n${USAGE}\n`)
    return 2
  }
  const date = parsed.date ?? localDate(new Date(), io.env.TZ_NAME?.trim() || 'Asia/Shanghai')
  const tip = tipForDate(loadKnowledge().tips, date, parsed.chat)
  if (parsed.json) {
    io.stdout.write(`${JSON.stringify({ date, id: tip.id, text: tip.text, intent: tip.intent, section: tip.section })}\n`)
  } else {
    const who = parsed.chat ? ` · chat ${parsed.chat}` : ''
    const more = tip.intent ? ` · 了解更多: ${tip.intent}` : ''
    io.stdout.write(`${date} · ${tip.id}${who}\n${tip.text}\n出处: ${tip.section}${more}\n`)
  }
  return 0
}
