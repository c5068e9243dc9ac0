// `knowledge pull`: folds the taught phrasings into knowledge/intents.json for review, keeping the file lint-clean,
// then clears the ones written from the store. A phrasing the lint rejects stays taught, with the reason printed.
import { lintKnowledge, type LintIssue } from '../knowledge/lint'
import { matcherAsBuilt } from './training-corpus'
import { loadKnowledge, type IntentsFile } from '../knowledge/knowledge'
import { canonicalFor, clearTaught, listTaught, type TaughtPhrasing } from '../teach'
import { knowledgeFile, readJson, writeJson } from './knowledge-files'
import type { OperatorCliDeps } from './stats'
import { withCliStore } from './store'

export interface PullDeps extends OperatorCliDeps {
  files?: { intents: string; tips: string }
}

interface Added {
  phrasing: TaughtPhrasing
  intentIndex: number
}

export interface PullResult {
  written: TaughtPhrasing[]
  /** already in the file under the same intent: cleared without writing */
  present: TaughtPhrasing[]
  keptBack: { phrasing: TaughtPhrasing; reason: string }[]
  issues: LintIssue[]
}

const errorsOf = (issues: LintIssue[]) => issues.filter((i) => i.severity === 'error')

function withPhrasings(file: IntentsFile, added: Added[]): IntentsFile {
  const intents = file.intents.map((intent, i) => {
    const extra = added.filter((a) => a.intentIndex === i).map((a) => a.phrasing.text)
    return extra.length ? { ...intent, phrasings: [...intent.phrasings, ...extra] } : intent
  })
  return { ...file, intents }
}

/** The added phrasing an issue is about ("intents[3].phrasings[40]" past the intent's original phrasings), if any. */
function culprit(issue: LintIssue, file: IntentsFile, added: Added[]): Added | undefined {
  const m = /^intents\[(\d+)\]\.phrasings\[(\d+)\]$/.exec(issue.at)
  if (!m) return undefined
  const [i, j] = [Number(m[1]), Number(m[2])]
  const extra = j - (file.intents[i]?.phrasings.length ?? Infinity)
  return extra >= 0 ? added.filter((a) => a.intentIndex === i)[extra] : undefined
}

/** Decides what can be written: adds every taught phrasing, then drops the ones the lint blames until it passes. */
export function planPull(file: IntentsFile, tips: unknown, taught: TaughtPhrasing[]): PullResult & { next: IntentsFile } {
  const canonical = canonicalFor(loadKnowledge())
  const present: TaughtPhrasing[] = []
  const keptBack: PullResult['keptBack'] = []
  let added: Added[] = []
  for (const phrasing of taught) {
    const intentIndex = file.intents.findIndex((i) => i.id === phrasing.intent)
    if (intentIndex < 0) keptBack.push({ phrasing, reason: `intent "${phrasing.intent}" is not in the file` })
    else if (file.intents[intentIndex]!.phrasings.some((p) => canonical(p) === canonical(phrasing.text))) present.push(phrasing)
    else if (!added.some((a) => canonical(a.phrasing.text) === canonical(phrasing.text))) added.push({ phrasing, intentIndex })
  }
  for (;;) {
    const next = withPhrasings(file, added)
    const issues = lintKnowledge(next, tips, { matcherFor: matcherAsBuilt })
    const errors = errorsOf(issues)
    if (!errors.length) return { written: added.map((a) => a.phrasing), present, keptBack, issues, next }
    const blamed = new Set(errors.map((e) => culprit(e, file, added)).filter((a): a is Added => a !== undefined))
    // An error on an original phrasing: some addition shifted the model; give up the newest addition and retry.
    if (!blamed.size && added.length) blamed.add(added[added.length - 1]!)
    if (!blamed.size) throw new Error(`the knowledge file has lint errors of its own; run knowledge check (${errors[0]!.rule} ${errors[0]!.at})`)
    for (const a of blamed) {
      const why = errors.find((e) => culprit(e, file, added) === a)
      keptBack.push({ phrasing: a.phrasing, reason: why ? `${why.rule}: ${why.message}` : 'moves another phrasing to a different topic' })
    }
    added = added.filter((a) => !blamed.has(a))
  }
}

export async function runKnowledgePull(args: string[], deps: PullDeps): Promise<number> {
  const { out, err } = deps
  if (args.length) {
    err(`unknown argument: ${args[0]}\nusage: knowledge pull`)
    return 2
  }
  const files = deps.files ?? { intents: knowledgeFile('intents.json'), tips: knowledgeFile('tips.json') }
  return withCliStore({ ...deps, err }, async (store, config) => {
    if (!deps.store && !config.REDIS_URL) err('REDIS_URL is not set: reading taught phrasings from an empty in-memory store')
    const taught = await listTaught(store)
    if (!taught.length) {
      out('nothing to pull: no taught phrasings in the store')
      return 0
    }
    const file = readJson(files.intents) as IntentsFile
    const plan = planPull(file, readJson(files.tips), taught)
    if (plan.written.length) writeJson(files.intents, plan.next)
    await clearTaught(store, loadKnowledge(), [...plan.written, ...plan.present])
    for (const p of plan.written) out(`pulled\t${p.intent}\t${p.text}`)
    for (const p of plan.present) out(`already there\t${p.intent}\t${p.text}`)
    for (const k of plan.keptBack) out(`kept taught\t${k.phrasing.intent}\t${k.phrasing.text}\t${k.reason}`)
    const warnings = plan.issues.length - errorsOf(plan.issues).length
    out(`${plan.written.length} written to ${files.intents}, ${plan.keptBack.length} kept in the store; lint: 0 error(s), ${warnings} warning(s)`)
    return 0
  })
}
