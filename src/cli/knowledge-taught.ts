// `knowledge teach "<问题>" <intent> [--force]`, `knowledge forget "<问题>"`, `knowledge taught [--json]`:
// the same code and wording as /教 and /忘 in chat, against the store the bot uses (REDIS_URL, REDIS_PREFIX).
import { forgetReply, teachReply } from '../../handlers/teach-reply'
import { loadKnowledge } from '../knowledge/knowledge'
import { decideNow, forget, listTaught, teach } from '../teach'
import type { Store } from '../store/store'
import { replyToText } from './reply-text'
import { parseArgs } from './args'
import type { OperatorCliDeps } from './stats'
import { withCliStore } from './store'

const NEEDS_REDIS = 'REDIS_URL is not set: a phrasing taught here would live only in this process. Set REDIS_URL (and REDIS_PREFIX) to the bot\'s.'

/** The store for a change that must reach the bot: refuses the throwaway in-memory one. */
function sharedStoreOnly(deps: OperatorCliDeps, err: (l: string) => void, body: (store: Store) => Promise<number>): Promise<number> {
  return withCliStore({ ...deps, err }, async (store, config) => {
    if (!deps.store && !config.REDIS_URL) {
      err(NEEDS_REDIS)
      return 1
    }
    return body(store)
  })
}

export async function runTeach(args: string[], deps: OperatorCliDeps): Promise<number> {
  const { out, err } = deps
  const parsed = parseArgs(args, { booleans: ['--force'] })
  if (typeof parsed === 'string' || parsed.words.length !== 2) {
    err(`${typeof parsed === 'string' ? parsed : 'expected a question and an intent'}\nusage: knowledge teach "<问题>" <intent> [--force]`)
    return 2
  }
  const [text, intent] = parsed.words as [string, string]
  const knowledge = loadKnowledge()
  return sharedStoreOnly(deps, err, async (store) => {
    const outcome = await teach(store, knowledge, text, intent, { force: parsed.flags.has('--force') })
    const decision = await decideNow(store, knowledge, text)
    const reply = teachReply(knowledge, text, outcome, () => decision)
    out(replyToText(reply))
    if (outcome.status === 'conflicts') err(`to teach it anyway: knowledge teach "${text}" ${intent} --force`)
    return outcome.status === 'conflicts' || outcome.status === 'invalid' ? 1 : 0
  })
}

export async function runForget(args: string[], deps: OperatorCliDeps): Promise<number> {
  const { out, err } = deps
  const parsed = parseArgs(args, {})
  if (typeof parsed === 'string' || parsed.words.length !== 1) {
    err(`${typeof parsed === 'string' ? parsed : 'expected one question'}\nusage: knowledge forget "<问题>"`)
    return 2
  }
  const text = parsed.words[0]!
  const knowledge = loadKnowledge()
  return sharedStoreOnly(deps, err, async (store) => {
    const outcome = await forget(store, knowledge, text)
    const decision = await decideNow(store, knowledge, text)
    out(replyToText(forgetReply(knowledge, text, outcome, () => decision)))
    return outcome.status === 'forgotten' ? 0 : 1
  })
}

export async function runTaught(args: string[], deps: OperatorCliDeps): Promise<number> {
  const { out, err } = deps
  const parsed = parseArgs(args, { booleans: ['--json'] })
  if (typeof parsed === 'string' || parsed.words.length) {
    err(`${typeof parsed === 'string' ? parsed : `unknown argument: ${parsed.words[0]}`}\nusage: knowledge taught [--json]`)
    return 2
  }
  return withCliStore({ ...deps, err }, async (store) => {
    const taught = await listTaught(store)
    if (parsed.flags.has('--json')) out(JSON.stringify(taught))
    else for (const p of taught) out(`${p.at}\t${p.intent}\t${p.text}`)
    return 0
  })
}
