import { loadKnowledge } from './src/knowledge/knowledge'
import { buildIndex } from './src/matcher/build-index'
import { createMatcher } from './src/matcher/matcher'
import { loadTrainingFiles } from './scripts/training-corpus'
const k = loadKnowledge()
const d = 'knowledge/training/'
const m = createMatcher(k, buildIndex(k, loadTrainingFiles([d + 'in-a.jsonl', d + 'off-a.jsonl'])))
for (const q of loadTrainingFiles([d + 'in-b.jsonl', d + 'off-b.jsonl'])) {
  const r = m.match(q.text)
  if (r.intent !== q.intent && (process.argv[2] === 'off') === (q.intent === null)) console.log(`${q.intent ?? q.kind} → ${r.intent ?? r.reason} ${r.score} | ${q.text}`)
}
