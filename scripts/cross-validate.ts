// `npx tsx scripts/cross-validate.ts [--baseline] [--tuning] [--why] [--set k=v,…] [--gate k=v,…] [--grid spec]
// [--dir D]`: how the matcher does on wording it was not trained on. The training corpus's files come in folds by name
// (in-a.jsonl, off-a.jsonl → fold a): both models are trained with every other fold, and measured on this one
// (in-scope top-1; off-topic fallback by kind). `--baseline` adds the matcher without a corpus, as before it;
// `--tuning` measures the labelled tuning sets with the whole corpus; `--why` counts in-scope misses by what was
// decided instead; `--set` tries other model constants (tuning.ts), `--gate` other gate constants, `--grid` a grid of
// them. Aggregates only: it prints no question.
import { basename } from 'node:path'
import { loadKnowledge } from '../src/knowledge/knowledge'
import { buildIndex } from '../src/matcher/build-index'
import { createMatcher, type Matcher } from '../src/matcher/matcher'
import { SCOPE_GATE, type ScopeGate } from '../src/matcher/scope/decide'
import type { TrainingQuestion } from '../src/matcher/training'
import { TUNING } from '../src/matcher/tuning'
import { loadLabelled, TUNING_SETS } from '../test/helpers/labelled'
import { loadTrainingFiles, TRAINING_DIR, trainingFiles } from '../src/cli/training-corpus'

const args = process.argv.slice(2)
const flag = (name: string) => args.indexOf(name)
const value = (name: string) => (flag(name) >= 0 ? args[flag(name) + 1] : undefined)
const dir = value('--dir') ?? TRAINING_DIR
const gate: ScopeGate = { ...SCOPE_GATE, ...Object.fromEntries((value('--gate') ?? '').split(',').filter(Boolean).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)])) }

// `--set linearShare=0.6,…`: other model constants for this run (trials only; the committed ones are in tuning.ts)
for (const [k, v] of (value('--set') ?? '').split(',').filter(Boolean).map((kv) => kv.split('='))) (TUNING as Record<string, unknown>)[k as string] = Number(v)
const knowledge = loadKnowledge()
const folds = new Map<string, string[]>()
for (const file of trainingFiles(dir)) {
  const fold = /-(\w+)\.jsonl$/.exec(basename(file))?.[1] ?? basename(file)
  folds.set(fold, [...(folds.get(fold) ?? []), file])
}

interface Tally { right: number; total: number }
function measure(matcher: Matcher, questions: readonly TrainingQuestion[], g: ScopeGate): Map<string, Tally> {
  const by = new Map<string, Tally>()
  for (const q of questions) {
    const m = matcher.match(q.text, { gate: g })
    const right = m.intent === q.intent
    // `--why`: in-scope misses by what the matcher decided instead (wrong topic, or which refusal)
    const why = flag('--why') >= 0 && q.intent !== null && !right ? [`  miss: ${m.intent ? 'wrong topic' : m.decision.kind}`] : []
    for (const k of [q.intent === null ? 'off-topic' : 'in-scope', ...(q.intent === null && q.kind ? [q.kind] : []), ...why]) {
      const t = by.get(k) ?? { right: 0, total: 0 }
      t.right += right ? 1 : 0
      t.total++
      by.set(k, t)
    }
  }
  return by
}
const r = (t: Tally | undefined) => (t && t.total ? t.right / t.total : NaN)
const show = (by: Map<string, Tally>) => [...by].map(([k, t]) => `${k} ${t.right}/${t.total} = ${r(t).toFixed(3)}`).join('; ')

const trials: { name: string; matcher: Matcher; questions: TrainingQuestion[] }[] = []
for (const [fold, files] of folds) {
  const test = loadTrainingFiles(files)
  const train = [...folds].filter(([f]) => f !== fold).flatMap(([, fs]) => loadTrainingFiles(fs))
  if (flag('--baseline') >= 0) trials.push({ name: `fold ${fold}, none`, matcher: createMatcher(knowledge, buildIndex(knowledge)), questions: test })
  trials.push({ name: `fold ${fold}, trained on the others (${train.length})`, matcher: createMatcher(knowledge, buildIndex(knowledge, train)), questions: test })
}
if (flag('--tuning') >= 0) {
  const all = loadTrainingFiles(trainingFiles(dir))
  const matcher = createMatcher(knowledge, buildIndex(knowledge, all))
  for (const set of TUNING_SETS) trials.push({ name: set, matcher, questions: loadLabelled(set) })
}

if (flag('--grid') >= 0) {
  // the lowest of the in-scope and off-topic figures over all trials, per gate
  const rows: [string, number, string][] = []
  // `--grid "learnedRefusal=0.5|1.01;strongAnswer=0.35|0.45"`: every combination of the listed gate constants
  let gates: ScopeGate[] = [gate]
  for (const axis of value('--grid')!.split(';')) {
    const [k, vs] = axis.split('=') as [string, string]
    gates = gates.flatMap((g) => vs.split('|').map((v) => ({ ...g, [k]: Number(v) })))
  }
  for (const g of gates) {
    const figures = trials.map((t) => measure(t.matcher, t.questions, g))
    // a fold with only one kind of question (an off-d.jsonl without an in-d.jsonl) has no figure for the other
    const ins = figures.map((f) => r(f.get('in-scope'))).filter((x) => !Number.isNaN(x))
    const off = figures.map((f) => r(f.get('off-topic'))).filter((x) => !Number.isNaN(x))
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const changed = Object.entries(g).filter(([k, v]) => v !== (SCOPE_GATE as Record<string, number>)[k]).map(([k, v]) => `${k} ${v}`).join(', ')
    rows.push([changed || 'as committed', Math.min(...ins, ...off),
      `in ${mean(ins).toFixed(3)} (min ${Math.min(...ins).toFixed(3)}) off ${mean(off).toFixed(3)} (min ${Math.min(...off).toFixed(3)}) | ${figures.map((f) => `${r(f.get('in-scope')).toFixed(3)}/${r(f.get('off-topic')).toFixed(3)}`).join(' ')}`])
  }
  rows.sort((a, b) => b[1] - a[1])
  for (const [name, low, text] of rows.slice(0, 40)) console.log(`${low.toFixed(3)}  ${name}: ${text}`)
} else {
  for (const t of trials) console.log(`${t.name}: ${show(measure(t.matcher, t.questions, gate))}`)
}
