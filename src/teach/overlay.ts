// The taught phrasings as a small index beside the matcher's: one per instance, reloaded only when the store's
// version counter moves, so teaching takes effect on every instance's next message without rebuilding the matcher.
import type { Knowledge } from '../knowledge/knowledge'
import type { Store } from '../store/store'
import { TAUGHT_VERSION_KEY } from '../store/keys'
import { canonicalFor, loadShape, nearness, shapeOf, type Shape } from './shape'
import { readSnapshot } from './snapshot'
import { readTaught, type TaughtPhrasing } from './taught'

export interface TaughtHit {
  intent: string
  /** the taught phrasing that matched */
  text: string
  /** 1 for the same canonical text, else the near-match overlap */
  similarity: number
}

interface Indexed {
  phrasing: TaughtPhrasing
  shape: Shape
}

/** A built overlay: exact canonical lookup, and near candidates grouped by their content. */
export class TaughtIndex {
  private readonly exact = new Map<string, Indexed>()
  private readonly byContent = new Map<string, Indexed[]>()

  constructor(readonly knowledge: Knowledge, phrasings: TaughtPhrasing[]) {
    for (const phrasing of phrasings) {
      if (!knowledge.byId.has(phrasing.intent)) continue // taught to an intent the bundled knowledge has since dropped
      const item = { phrasing, shape: loadShape(knowledge, phrasing.text, phrasing.shape) }
      this.exact.set(item.shape.canonical, item)
      const group = this.byContent.get(item.shape.content)
      if (group) group.push(item)
      else this.byContent.set(item.shape.content, [item])
    }
  }

  get size(): number {
    return this.exact.size
  }

  /** The taught phrasing this question is (nearly) the same as, or null. */
  match(text: string): TaughtHit | null {
    if (this.exact.size === 0) return null
    const shape = shapeOf(canonicalFor(this.knowledge)(text))
    const same = this.exact.get(shape.canonical)
    if (same) return { intent: same.phrasing.intent, text: same.phrasing.text, similarity: 1 }
    let best: TaughtHit | null = null
    for (const item of this.byContent.get(shape.content) ?? []) {
      const s = nearness(shape, item.shape)
      if (s > (best?.similarity ?? 0)) best = { intent: item.phrasing.intent, text: item.phrasing.text, similarity: s }
    }
    return best
  }
}

/**
 * The per-instance overlay: `sync` costs one GET of the version token; the phrasings are read and indexed again
 * only when it changed (or the knowledge object did): from the snapshot written for that version, in one GET, or
 * from the hash when there is none.
 */
export class TaughtOverlay {
  private version: string | null | undefined = undefined
  private index: TaughtIndex | null = null
  private loading: Promise<TaughtIndex> | null = null

  async sync(store: Store, knowledge: Knowledge): Promise<TaughtIndex> {
    const version = await store.get(TAUGHT_VERSION_KEY)
    if (this.index && version === this.version && this.index.knowledge === knowledge) return this.index
    this.loading ??= readSnapshot(store, version)
      .then((snapshot) => snapshot ?? readTaught(store))
      .then((phrasings) => {
        this.index = new TaughtIndex(knowledge, phrasings)
        this.version = version
        return this.index
      })
      .finally(() => {
        this.loading = null
      })
    return this.loading
  }
}
