import { readFileSync } from 'node:fs'
import { loadKnowledge as lkOld } from '../../ls-base/src/knowledge/knowledge'
import { createMatcher as cmOld } from '../../ls-base/src/matcher/matcher'
import { loadKnowledge as lkNew } from '../src/knowledge/knowledge'
import { createMatcher as cmNew } from '../src/matcher/matcher'
const texts = readFileSync('test/fixtures/questions.jsonl', 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text as string)
const ms = { old: cmOld(lkOld()), new: cmNew(lkNew()) }
for (const m of Object.values(ms)) for (let r = 0; r < 5; r++) for (const t of texts) m.match(t)
const per = { old: texts.map(() => [] as number[]), new: texts.map(() => [] as number[]) }
for (let round = 0; round < 40; round++) {
  for (const name of (round % 2 ? ['old', 'new'] : ['new', 'old']) as ('old' | 'new')[]) {
    const m = ms[name]
    texts.forEach((t, q) => { const s = performance.now(); m.match(t); per[name][q]!.push(performance.now() - s) })
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p / 100 * xs.length))]!
for (const name of ['old', 'new'] as const) {
  const med = per[name].map((xs) => pct(xs, 50))
  const all = per[name].flat()
  console.log(name, `per-question median p50 ${(pct(med, 50) * 1000).toFixed(1)} µs p99 ${(pct(med, 99) * 1000).toFixed(1)} µs; all p50 ${(pct(all, 50) * 1000).toFixed(1)} p99 ${(pct(all, 99) * 1000).toFixed(1)} µs`)
}
