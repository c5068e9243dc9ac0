// `questions [--unanswered] [--limit N] [--json]`: the question log, newest first.
import { listQuestions, type QuestionView } from '../insights'
import { parseArgs } from './args'
import { intFlag } from './int-flag'
import type { OperatorCliDeps } from './stats'
import type { CliIo } from './io'
import { linesOf, withCliStore } from './store'

const USAGE = 'usage: questions [--unanswered] [--limit N] [--json]'

function line(q: QuestionView): string {
  const votes = q.votes ? `\t👍${q.votes.up} 👎${q.votes.down}` : ''
  return `${new Date(q.at).toISOString()}\t${q.platform}:${q.chatId}\t${q.intent ?? '(fallback)'}\t${q.score}\t${q.text}${votes}`
}

export async function runQuestions(args: string[], deps: OperatorCliDeps): Promise<number> {
  const { out, err } = deps
  const parsed = parseArgs(args, { booleans: ['--json', '--unanswered'], values: ['--limit'] })
  const limit = typeof parsed === 'string' ? parsed : intFlag(parsed, '--limit', 50, 1, 10_000)
  if (typeof parsed === 'string' || typeof limit === 'string' || parsed.words.length) {
    err(`${typeof parsed === 'string' ? parsed : typeof limit === 'string' ? limit : `unknown argument: ${parsed.words[0]}`}\n${USAGE}`)
    return 2
  }
  return withCliStore({ ...deps, err }, async (store, config) => {
    if (config.QUESTION_LOG_DAYS === 0) err('QUESTION_LOG_DAYS is 0: the bot logs no questions')
    const questions = await listQuestions(store, { limit, unanswered: parsed.flags.has('--unanswered'), now: deps.now })
    if (parsed.flags.has('--json')) out(JSON.stringify(questions))
    else for (const q of questions) out(line(q))
    return 0
  })
}

export const run = (args: string[], io: CliIo) => runQuestions(args, { ...linesOf(io), env: io.env })
