// The matcher's build-time artifact: the trained linear model's weights, so that a fresh isolate builds its index
// without training (training was most of the build). Binary, little-endian, each section padded to 4 bytes, carried
// in the bundle as base64 beside the fingerprint of what it was built from.
//
// Averaged SGD gives a feature that occurs in only one training row (most bigrams) the weights x · H, where x is its
// weight in that row and H one vector per row (the sum of that row's steps); so those are stored once per row, and
// only the features of several rows get weights of their own. Both are quantised to int8 with one scale each.
//
//   u32 × 7    format, featureCount, intentCount (C), rowCount (documents, then keyword rows), sharedCount,
//              featureKeysHash (which feature each id stands for: a change to normalising or feature extraction
//              that keeps the counts still moves ids, and must not load weights meant for other features),
//              scopeCount (featureCount when there is a scope model, else 0)
//   f32 × rows row scale           i8 × rows·C   row vector H (H = q · scale)
//   f32 × S    feature scale       i8 × S·C      weights of the features of several rows, in feature order
//   f32        scope scale         i8 × scope    the scope model's weight per feature (scope-model.ts), companded:
//                                                w = sign(q) · (q / 127)² · scale, so small weights keep their
//                                                precision (most features are in one row and have small weights)
import { contentHash } from '../corpus'
import { TUNING } from '../tuning'
import { singleRowOf, type TrainingRows } from '../linear-model'

export { singleRowOf }
import type { MatcherKnowledge } from '../types'

/** Bumped whenever the layout above or the meaning of a section changes. */
export const ARTIFACT_FORMAT = 4

/** The generated module's shape (index-artifact.ts). */
export interface IndexArtifact {
  /** fingerprint() of the knowledge and tuning it was built from */
  fingerprint: string
  /** the binary sections above, base64 */
  data: string
}

/**
 * What the artifact depends on in the knowledge and the tuning, hashed: the loader uses the artifact only when this
 * matches, so an edited phrasing, keyword, synonym or constant falls back to training instead of loading stale
 * weights. (A change to which features the matcher reads is caught by the header's feature-keys hash when the
 * artifact is loaded; one to the training alone by test/matcher/index-artifact.test.ts, which regenerates it.)
 */
export function fingerprint(knowledge: MatcherKnowledge): string {
  const text = JSON.stringify([
    ARTIFACT_FORMAT,
    TUNING,
    knowledge.synonyms,
    knowledge.outOfScope ?? [],
    knowledge.intents.map((i) => [i.id, i.title, i.keywords, i.phrasings]),
  ])
  return contentHash(text)
}

/** A hash of the corpus's feature keys in id order (the artifact's sixth header word). */
export function featureKeysHash(keys: Float64Array): number {
  const words = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2)
  let h = 0x811c9dc5
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193)
  return h >>> 0
}

/** int8 code of a scope weight (see the layout above). */
export const compand = (w: number, scale: number) => (scale > 0 ? Math.round(127 * Math.sign(w) * Math.sqrt(Math.abs(w) / scale)) : 0)
export const expand = (q: number, scale: number) => Math.sign(q) * (q / 127) * (q / 127) * scale

/** Each training entry's weight x, by row (documents then keywords) and feature, through a callback. */
export function forEachEntry(docs: TrainingRows, keywords: TrainingRows, visit: (row: number, feature: number, x: number) => void): void {
  let r = 0
  for (const rows of [docs, keywords]) {
    for (let i = 0; i + 1 < rows.start.length; i++, r++) {
      for (let j = rows.start[i] as number; j < (rows.start[i + 1] as number); j++) visit(r, rows.feat[j] as number, rows.x[j] as number)
    }
  }
}
