// `stats [--days N] [--json]`: questions, answered share, fallbacks, 👍/👎, top topics and top unanswered, all chats.
import { computeStats, type QuestionStats } from '../insights'
import { loadKnowledge } from '../knowledge/knowledge'
import type { Store } from '../store/store'
import { parseArgs } from './args'
import { intFlag } from './int-flag'
import type { CliIo } from './io'
import { linesOf, withCliStore, type LineIo } from './store'

const USAGE = 'usage: stats [--days N] [--json]'

export interface OperatorCliDeps extends LineIo {
  store?: Store
  env?: Record<string, string | undefined>
  now?: number
}

export function formatStats(s: QuestionStats, title: (intent: string) => string): string[] {
  const pct = s.questions ? `${Math.round(s.answeredShare * 100)}%` : '—'
  return [
    `last ${s.days} day(s), ${s.from} .. ${s.to}, all chats`,
    `questions     ${s.questions}`,
    `answered      ${s.answered} (${pct})`,
    `fallbacks     ${s.unanswered}`,
    `👍 / 👎        ${s.up} / ${s.down}`,
    'top topics:',
    ...(s.topTopics.length ? s.topTopics.map((t) => `  ${t.count}\t${t.intent}\t${title(t.intent)}`) : ['  —']),
    'top unanswered:',
    ...(s.topUnanswered.length ? s.topUnanswered.map((u) => `  ${u.count}\t${u.text}`) : ['  —']),
  ]
}

export async function runStats(args: string[], deps: OperatorCliDeps): Promise<number> {
  const { out, err } = deps
  const parsed = parseArgs(args, { booleans: ['--json'], values: ['--days'] })
  const days = typeof parsed === 'string' ? parsed : intFlag(parsed, '--days', 7, 1, 365)
  if (typeof parsed === 'string' || typeof days === 'string' || parsed.words.length) {
    err(`${typeof parsed === 'string' ? parsed : typeof days === 'string' ? days : `unknown argument: ${parsed.words[0]}`}\n${USAGE}`)
    return 2
  }
  return withCliStore({ ...deps, err }, async (store, config) => {
    if (config.QUESTION_LOG_DAYS === 0) err('QUESTION_LOG_DAYS is 0: the bot logs no questions, so there is nothing to count')
    const stats = await computeStats(store, { days, timeZone: config.TZ_NAME, now: deps.now, top: 10 })
    const knowledge = loadKnowledge()
    if (parsed.flags.has('--json')) out(JSON.stringify(stats))
    else for (const line of formatStats(stats, (id) => knowledge.byId.get(id)?.title ?? id)) out(line)
    return 0
  })
}

export const run = (args: string[], io: CliIo) => runStats(args, { ...linesOf(io), env: io.env })
