// The index built once per knowledge object: phrasing vectors (BM25 idf × feature-kind weight, unit length),
// intent centroids, postings for both, and the linear model. Flat typed arrays throughout. Built from the
// knowledge's text (corpus.ts, then training), or from the build-time artifact's rows and weights (artifact/),
// which skips both; the arithmetic after the rows is the same code either way.
import { documentTexts, kindOf, readCorpus, trainingRowKeys, vocabulary, type Corpus, type Vocabulary } from './corpus'
import { FeatureKeys, WordIds, type Lexicon } from './features'
import { IdTable } from './id-table'
import { trainLinear, withSharedFeaturesOnly, type TrainingRows } from './linear-model'
import type { SynonymRewriter } from './normalize'
import { fillPostings, postingOffsets, SparseRows, toPostings, type Postings } from './sparse-rows'
import { TUNING } from './tuning'
import { trainScopeModel } from './scope-model'
import { questionRows, trainingTargets, type TrainingQuestion, type TrainingTargets } from './training'
import type { MatcherKnowledge } from './types'

export interface Index {
  rewrite: SynonymRewriter
  lexicon: Lexicon
  /** feature key → id; ids below `seenFeatures` occur in some document, the rest only in keywords */
  featureIds: IdTable
  words: WordIds
  seenFeatures: number
  /** weight of each feature kind (see features.ts), for features the index has never seen */
  weightOfKind: Float64Array
  idf: Float64Array
  oovIdf: number
  intentIds: string[]
  /** intent index of each document (phrasing) */
  docIntent: Int32Array
  /** canonical text → ids of the documents with exactly that text (built on first use: only the lint needs it) */
  readonly docsByText: Map<string, number[]>
  docPostings: Postings
  centroidPostings: Postings
  outOfScopeIntent: number
  linear: LinearModel
  /** the scope model's weight per feature (scope-model.ts), null when the index was built without a training corpus */
  scope: Float64Array | null
  /** per-question scratch, reused: questions are scored one at a time */
  scratch: QueryScratch
}

interface QueryScratch {
  keys: FeatureKeys
  /** per feature id, 1 + its position among the question's features (0: absent) */
  position: Int32Array
  /** question features the index does not know → their dense number */
  unknown: IdTable
  unknownPosition: number[]
  /** per document similarity, zeroed before each question */
  docScores: Float64Array
  /** the scope model's off-topic probability for the last question (0 without a scope model, or when it was not used) */
  offTopic: number
}

/** The linear model's weights, feature-major (featureCount × intentCount). */
export interface LinearModel {
  weights: Float64Array
  /** 1 for a feature whose weights are not written yet (null: all are); `fill` writes them and clears the mark */
  pending: Uint8Array | null
  fill(feature: number): void
}

/**
 * The training rows (weighted phrasing and keyword vectors, and the training corpus's questions when there is one)
 * → the topic model's weights, all of them or on demand, and the scope model's (scope-model.ts; null without a corpus).
 */
export type LinearWeights = (docs: TrainingRows, keywords: TrainingRows, featureCount: number, intentCount: number, extra?: TrainingRows) => { linear: Float64Array | LinearModel; scope: Float64Array | null }

/** Trains both models (topic and scope) from the rows indexFromCorpus hands over. */
function trainModels(rowKeys: Float64Array, outOfScope: number): LinearWeights {
  return (docs, keywords, featureCount, intentCount, extra) => ({
    linear: trainLinear({ epochs: TUNING.linearEpochs, rate: TUNING.linearRate }, featureCount, intentCount, docs, keywords, rowKeys, extra && withSharedFeaturesOnly(extra, featureCount, docs, keywords)),
    scope: extra ? trainScopeModel({ epochs: TUNING.scopeEpochs, rate: TUNING.scopeRate }, featureCount, outOfScope, docs, keywords, extra, rowKeys) : null,
  })
}

/**
 * The full build from the knowledge's text, training included. `training`: the training corpus (knowledge/training/,
 * read by the build script and tests; a Worker has only the weights it gave, in the artifact).
 */
export function buildIndex(knowledge: MatcherKnowledge, training: readonly TrainingQuestion[] = []): Index {
  const { vocab, corpus, targets, train } = trainingInputs(knowledge, training)
  return indexFromCorpus(knowledge, vocab, corpus, train, targets)
}

/** What a full build trains from: the knowledge read into rows, the corpus's questions as targets, both models' trainer. */
export function trainingInputs(knowledge: MatcherKnowledge, training: readonly TrainingQuestion[]) {
  const vocab = vocabulary(knowledge)
  const texts = documentTexts(knowledge, vocab.rewrite)
  const corpus = readCorpus(knowledge, vocab, texts)
  const targets = trainingTargets(training, vocab.intentIds, vocab.outOfScopeIntent, vocab.rewrite)
  const train = trainModels(trainingRowKeys(knowledge, texts, corpus.docIntent, targets), vocab.outOfScopeIntent)
  return { vocab, corpus, targets, train }
}

export function indexFromCorpus(knowledge: MatcherKnowledge, vocab: Vocabulary, corpus: Corpus, linearWeights: LinearWeights, training?: TrainingTargets): Index {
  const { rewrite, lexicon, intentIds, outOfScopeIntent } = vocab
  const { featureKeys, seenFeatures, docIntent } = corpus
  const intentCount = intentIds.length
  const featureCount = featureKeys.length
  const weightOfKind = Float64Array.from(TUNING.featureWeights)
  // the tables readCorpus filled, when it ran in this isolate; else built from the keys and words in id order
  const featureIds = corpus.read?.featureIds ?? new IdTable(featureCount)
  const kindWeight = new Float64Array(featureCount)
  for (let f = 0; f < featureCount; f++) {
    if (!corpus.read) featureIds.intern(featureKeys[f] as number)
    kindWeight[f] = weightOfKind[kindOf(featureKeys[f] as number)] as number
  }
  let words = corpus.read?.words
  if (!words) {
    words = new WordIds()
    for (const [i, w] of corpus.wordNames.entries()) {
      words.known.set(w, i)
      words.names.push(w)
    }
  }
  const docStart = corpus.docs.start
  const docFeat = corpus.docs.feat
  const kwStart = corpus.keywords.start
  const kwFeat = corpus.keywords.feat
  const docNnz = docFeat.length

  // a feature's document frequency is the length of its postings, so they are counted once for both
  const docOffsets = postingOffsets(featureCount, docFeat, docNnz)
  const n = docIntent.length
  const oovIdf = Math.log(1 + (n + 0.5) / 0.5)
  const idf = new Float64Array(featureCount).fill(oovIdf)
  for (let f = 0; f < seenFeatures; f++) {
    const df = (docOffsets[f + 1] as number) - (docOffsets[f] as number)
    idf[f] = Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  // weights and each row's length in one pass, then unit length (the sums in the order normalizeRange takes them)
  const weighRows = (rows: { start: Int32Array; feat: Int32Array; tf: Int32Array }) => {
    const w = new Float64Array(rows.feat.length)
    for (let r = 0; r + 1 < rows.start.length; r++) {
      const from = rows.start[r] as number
      const to = rows.start[r + 1] as number
      let sum = 0
      for (let j = from; j < to; j++) {
        const f = rows.feat[j] as number
        const tf = rows.tf[j] as number
        // ln 1 is 0: most counts are 1, and a cold isolate pays for every call
        const x = (tf === 1 ? 1 : 1 + Math.log(tf)) * (idf[f] as number) * (kindWeight[f] as number)
        w[j] = x
        sum += x * x
      }
      const norm = Math.sqrt(sum) || 1
      for (let j = from; j < to; j++) w[j] = (w[j] as number) / norm
    }
    return w
  }
  const docW = weighRows(corpus.docs)
  const kwW = weighRows(corpus.keywords)

  // Centroids, one intent at a time in a dense scratch row (documents come grouped by intent);
  // `touched` keeps the intent's features in first-seen order so the sums match one map per intent.
  const sums = new Float64Array(featureCount)
  const touched = new Int32Array(featureCount)
  const centroids = new SparseRows(intentCount, docNnz)
  const cW = new Float64Array(docNnz + kwFeat.length)
  let touchedCount = 0
  let d = 0
  for (let i = 0; i < intentCount; i++) {
    for (; d < n && docIntent[d] === i; d++) {
      for (let j = docStart[d] as number; j < (docStart[d + 1] as number); j++) {
        const f = docFeat[j] as number
        if (sums[f] === 0) touched[touchedCount++] = f
        sums[f]! += docW[j] as number
      }
    }
    if (i < knowledge.intents.length) {
      for (let j = kwStart[i] as number; j < (kwStart[i + 1] as number); j++) {
        const f = kwFeat[j] as number
        if (sums[f] === 0) touched[touchedCount++] = f
        sums[f]! += TUNING.keywordDocWeight * (kwW[j] as number)
      }
    }
    let sum = 0
    for (let t = 0; t < touchedCount; t++) sum += (sums[touched[t] as number] as number) * (sums[touched[t] as number] as number)
    const norm = Math.sqrt(sum) || 1
    for (let t = 0; t < touchedCount; t++) {
      const f = touched[t] as number
      cW[centroids.nnz] = (sums[f] as number) / norm
      centroids.add(f, 0)
      sums[f] = 0
    }
    touchedCount = 0
    centroids.endRow()
  }

  let docsByText: Map<string, number[]> | undefined
  return {
    rewrite,
    lexicon,
    featureIds,
    words,
    seenFeatures,
    weightOfKind,
    idf,
    oovIdf,
    intentIds,
    docIntent,
    get docsByText() {
      if (!docsByText) {
        docsByText = new Map()
        documentTexts(knowledge, rewrite).forEach((text, doc) => {
          const same = docsByText!.get(text)
          if (same) same.push(doc)
          else docsByText!.set(text, [doc])
        })
      }
      return docsByText
    },
    docPostings: fillPostings(docOffsets, docStart, docFeat, docW, docNnz),
    centroidPostings: toPostings(featureCount, centroids.starts(), centroids.feat, cW, centroids.nnz),
    ...models(linearWeights({ start: docStart, feat: docFeat, x: docW, label: docIntent }, { start: kwStart, feat: kwFeat, x: kwW }, featureCount, intentCount,
      training?.texts.length ? questionRows(training.texts, training.labels, { lexicon, words, featureIds, seenFeatures, idf, oovIdf, weightOfKind }) : undefined)),
    outOfScopeIntent,
    scratch: { keys: new FeatureKeys(), position: new Int32Array(featureCount), unknown: new IdTable(64), unknownPosition: [], docScores: new Float64Array(n), offTopic: 0 },
  }
}

const models = ({ linear, scope }: ReturnType<LinearWeights>): { linear: LinearModel; scope: Float64Array | null } => ({
  linear: linear instanceof Float64Array ? { weights: linear, pending: null, fill() {} } : linear,
  scope,
})
