// The taught overlay's cost: building it from 200 taught phrasings (what an instance does when the version moves,
// and on the first question of a fresh Worker isolate), and looking a question up in it.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadKnowledge, type Knowledge } from '../src/knowledge/knowledge'
import { MemoryStore } from '../src/store/memory'
import { TaughtIndex, TaughtOverlay, type TaughtPhrasing } from '../src/teach'
import { storeShape } from '../src/teach/shape'
import { TAUGHT_KEY, TAUGHT_VERSION_KEY } from '../src/store/keys'
import type { BenchRow } from './matcher'

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50)
const TAUGHT = 200

/** 200 distinct phrasings shaped like the ones admins teach (knowledge phrasings with a particle added), stored as teach() stores them. */
export function taughtPhrasings(knowledge: Knowledge): TaughtPhrasing[] {
  const all = knowledge.intents.flatMap((i) => i.phrasings.map((p) => ({ text: `${p}呀`, intent: i.id })))
  return Array.from({ length: TAUGHT }, (_, k) => {
    const { text, intent } = all[(k * 9) % all.length]!
    return { text, intent, at: '2025-01-01T00:00:00.000Z', shape: storeShape(knowledge, text) }
  })
}

export async function taughtOverlayBench(): Promise<{ title: string; rows: BenchRow[] }> {
  const knowledge = loadKnowledge()
  const phrasings = taughtPhrasings(knowledge)
  const file = fileURLToPath(new URL('../test/fixtures/questions.jsonl', import.meta.url))
  const texts = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text)

  const builds: number[] = []
  const rebuilt: number[] = []
  for (let i = 0; i < 15; i++) {
    let t0 = performance.now()
    new TaughtIndex(knowledge, phrasings)
    builds.push(performance.now() - t0)
    // The synonyms changed since teaching (a redeploy): every shape is computed again.
    const edited = { ...knowledge, synonyms: { ...knowledge.synonyms, 基准: [`基准${i}`] } }
    t0 = performance.now()
    new TaughtIndex(edited, phrasings)
    rebuilt.push(performance.now() - t0)
  }

  const store = new MemoryStore()
  for (const p of phrasings) await store.hset(TAUGHT_KEY, p.text, JSON.stringify(p))
  const syncs: number[] = []
  for (let i = 0; i < 15; i++) {
    await store.set(TAUGHT_VERSION_KEY, `v${i}`, 60)
    const t0 = performance.now()
    await new TaughtOverlay().sync(store, knowledge)
    syncs.push(performance.now() - t0)
  }

  const index = new TaughtIndex(knowledge, phrasings)
  for (const t of texts) index.match(t)
  const latencies: number[] = []
  for (let r = 0; r < 10; r++) {
    for (const t of texts) {
      const s = performance.now()
      index.match(t)
      latencies.push(performance.now() - s)
    }
  }
  latencies.sort((a, b) => a - b)
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`
  return {
    title: `taught overlay (${TAUGHT} taught phrasings, ${texts.length} questions × 10, Node ${process.version})`,
    rows: [
      { metric: 'build from 200 stored phrasings (median of 15)', value: `${median(builds).toFixed(2)} ms`, target: 'a small part of 10 ms' },
      { metric: 'build after a synonyms change (shapes recomputed)', value: `${median(rebuilt).toFixed(2)} ms` },
      { metric: 'reload: read + decode + build (in-memory store)', value: `${median(syncs).toFixed(2)} ms` },
      { metric: 'lookup p50', value: us(percentile(latencies, 50)) },
      { metric: 'lookup p99', value: us(percentile(latencies, 99)) },
    ],
  }
}
