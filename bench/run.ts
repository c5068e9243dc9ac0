// `npm run bench`: runs each section in order and prints one table per section.
// Each section is bench/<name>.ts exporting an async function that returns { title, rows }.
import { bundleBench } from './bundle'
import { coldStartBench } from './cold-start'
import { matcherBench, type BenchRow } from './matcher'
import { taughtOverlayBench } from './taught-overlay'
import { webhookBench } from './webhook'

type Section = () => Promise<{ title: string; rows: BenchRow[] }>

const sections: Section[] = [matcherBench, taughtOverlayBench, coldStartBench, webhookBench, bundleBench]

function table(rows: BenchRow[]): string {
  const head: BenchRow = { metric: 'metric', value: 'value', target: 'target' }
  const all = [head, ...rows]
  const w = (k: keyof BenchRow) => Math.max(...all.map((r) => (r[k] ?? '').length))
  const line = (r: BenchRow) => `  ${r.metric.padEnd(w('metric'))}  ${r.value.padStart(w('value'))}  ${r.target ?? ''}`
  return [line(head), `  ${'-'.repeat(w('metric') + w('value') + w('target') + 4)}`, ...rows.map(line)].join('\n')
}

for (const section of sections) {
  const { title, rows } = await section()
  process.stdout.write(`\n${title}\n${table(rows)}\n`)
}
