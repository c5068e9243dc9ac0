// Matcher speed: per-question latency over the labelled set, throughput, and cold index build cost.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadKnowledge } from '../src/knowledge/knowledge'
import { buildIndex } from '../src/matcher/build-index'
import { createMatcher } from '../src/matcher/matcher'

export interface BenchRow {
  metric: string
  value: string
  target?: string
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50)

export async function matcherBench(): Promise<{ title: string; rows: BenchRow[] }> {
  const file = fileURLToPath(new URL('../test/fixtures/questions.jsonl', import.meta.url))
  const texts = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text)
  const knowledge = loadKnowledge()

  // with the build-time artifact's weights (what an isolate does), and trained (knowledge the artifact was not built from)
  const builds: number[] = []
  const trainedBuilds: number[] = []
  for (let i = 0; i < 15; i++) {
    let t0 = performance.now()
    createMatcher(knowledge)
    builds.push(performance.now() - t0)
    t0 = performance.now()
    createMatcher(knowledge, buildIndex(knowledge))
    trainedBuilds.push(performance.now() - t0)
  }

  const matcher = createMatcher(knowledge)
  for (let r = 0; r < 5; r++) for (const t of texts) matcher.match(t) // warm-up (JIT)
  const latencies: number[] = []
  const rounds = 20
  const perQuestion = texts.map(() => [] as number[])
  const t0 = performance.now()
  for (let r = 0; r < rounds; r++) {
    texts.forEach((t, q) => {
      const s = performance.now()
      matcher.match(t)
      const ms = performance.now() - s
      latencies.push(ms)
      perQuestion[q]!.push(ms)
    })
  }
  const total = performance.now() - t0
  latencies.sort((a, b) => a - b)
  // A question's median over the rounds: what it costs, without the moments another process had the core.
  const typical = perQuestion.map(median).sort((a, b) => a - b)
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`
  return {
    title: `matcher (${texts.length} questions × ${rounds} rounds, Node ${process.version})`,
    rows: [
      { metric: 'throughput', value: `${Math.round((texts.length * rounds) / (total / 1000)).toLocaleString('en')} questions/s` },
      { metric: 'latency p50', value: us(percentile(latencies, 50)) },
      { metric: 'latency p99', value: us(percentile(latencies, 99)), target: '< 100 µs' },
      { metric: 'latency max', value: us(latencies[latencies.length - 1] ?? 0) },
      { metric: 'per-question median latency p50 / p99', value: `${us(percentile(typical, 50))} / ${us(percentile(typical, 99))}`, target: 'p99 < 100 µs' },
      { metric: 'index build (median of 15 builds, artifact weights)', value: `${median(builds).toFixed(2)} ms`, target: '< 20 ms' },
      { metric: 'index build (median of 15 builds, trained)', value: `${median(trainedBuilds).toFixed(2)} ms`, target: 'knowledge the artifact was not built from' },
    ],
  }
}
