// The training corpus (knowledge/training/*.jsonl): labelled questions written blind, which train the linear model's
// weights at build time (`npm run artifacts`) but are not phrasings: the similarity index never sees them, so they
// cost a Worker nothing at start-up. Each question becomes a row weighted exactly as a question is when it is asked
// (score.ts), so the model learns from what it will be given: features the knowledge never uses count in the row's
// length and are then dropped, as they are for a question.
import { collectFeatureKeys, FeatureKeys, KIND_BASE, type Lexicon, type WordIds } from './features'
import type { IdTable } from './id-table'
import type { TrainingRows } from './linear-model'
import { normalizeText, type SynonymRewriter } from './normalize'
import { TUNING } from './tuning'

/** One line of a training file: `intent` null for a question the bot must not answer. */
export interface TrainingQuestion {
  text: string
  intent: string | null
  /** in-scope, uncovered-xhs, other-platform, everyday, smalltalk (documentation only) */
  kind?: string
}

/** A training file's text (one JSON object a line) → its questions; throws on a line that is not one. */
export function parseTrainingFile(text: string, name = 'training file'): TrainingQuestion[] {
  const out: TrainingQuestion[] = []
  text.replace(/^\uFEFF/, '').split('\n').forEach((line, n) => {
    if (!line.trim()) return
    const where = `${name}:${n + 1}`
    let q: Partial<TrainingQuestion> | null
    try {
      q = JSON.parse(line) as Partial<TrainingQuestion> | null
    } catch (err) {
      throw new Error(`${where}: not JSON (${err instanceof Error ? err.message : String(err)})`)
    }
    if (!q || typeof q !== 'object' || typeof q.text !== 'string' || !(q.intent === null || typeof q.intent === 'string')) throw new Error(`${where}: expected {"text": "…", "intent": "…" | null}`)
    out.push({ text: q.text, intent: q.intent, ...(typeof q.kind === 'string' ? { kind: q.kind } : {}) })
  })
  return out
}

export interface TrainingTargets {
  /** canonical text of each question */
  texts: string[]
  /** its class: an in-scope intent's index, or the out-of-scope class */
  labels: Int32Array
}

export function trainingTargets(questions: readonly TrainingQuestion[], intentIds: readonly string[], outOfScope: number, rewrite: SynonymRewriter): TrainingTargets {
  const index = new Map(intentIds.slice(0, outOfScope).map((id, i) => [id, i]))
  const labels = Int32Array.from(questions, (q) => {
    if (q.intent === null) return outOfScope
    const i = index.get(q.intent)
    if (i === undefined) throw new Error(`training question for an unknown intent ${q.intent}: ${q.text}`)
    return i
  })
  return { texts: questions.map((q) => rewrite(normalizeText(q.text))), labels }
}

export interface QuestionWeighting {
  lexicon: Lexicon
  words: WordIds
  featureIds: IdTable
  seenFeatures: number
  idf: Float64Array
  oovIdf: number
  weightOfKind: Float64Array
}

/** The questions as the scorer weighs them (unit length over all their features), known features only. */
export function questionRows(texts: readonly string[], labels: Int32Array, w: QuestionWeighting): TrainingRows {
  const keys = new FeatureKeys()
  const start = new Int32Array(texts.length + 1)
  const feat: number[] = []
  const x: number[] = []
  texts.forEach((text, r) => {
    keys.length = 0
    collectFeatureKeys(text, w.lexicon, w.words, false, keys)
    const counts = new Map<number, number>()
    for (let k = 0; k < keys.length; k++) counts.set(keys.keys[k] as number, (counts.get(keys.keys[k] as number) ?? 0) + 1)
    let sum = 0
    const from = feat.length
    for (const [key, tf] of counts) {
      const id = w.featureIds.get(key)
      const idf = id < 0 || id >= w.seenFeatures ? w.oovIdf * TUNING.oovDamping : (w.idf[id] as number)
      const weight = (1 + Math.log(tf)) * idf * (w.weightOfKind[Math.floor(key / KIND_BASE)] as number)
      sum += weight * weight
      if (id < 0) continue
      feat.push(id)
      x.push(weight)
    }
    const norm = Math.sqrt(sum) || 1
    for (let j = from; j < x.length; j++) x[j] = (x[j] as number) / norm
    start[r + 1] = feat.length
  })
  return { start, feat: Int32Array.from(feat), x: Float64Array.from(x), label: labels }
}
