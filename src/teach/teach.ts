// Teaching and forgetting phrasings live: the same code behind /教, the /待答 buttons, the CLI and the console.
import type { Intent, Knowledge } from '../knowledge/knowledge'
import { normalizeText } from '../matcher/normalize'
import type { Store } from '../store/store'
import { conflictsOf, knownPhrasing, type Conflict } from './conflicts'
import { MAX_TAUGHT, TAUGHT_KEY, TAUGHT_VERSION_KEY, TAUGHT_VERSION_TTL_SECONDS } from '../store/keys'
import { canonicalFor, storeShape } from './shape'
import { writeSnapshot } from './snapshot'
import { decodeTaught, readTaught, type TaughtPhrasing } from './taught'

/** Longest phrasing that can be taught (characters); the question log keeps the same length. */
export const MAX_TAUGHT_TEXT = 200

export type TeachOutcome =
  | { status: 'taught'; phrasing: TaughtPhrasing; /** the topic it was taught to before */ replaced?: string; /** accepted with force */ conflicts: Conflict[] }
  | { status: 'conflicts'; intent: string; conflicts: Conflict[] }
  /** already a phrasing of that topic in the knowledge files */
  | { status: 'known'; intent: string }
  /** already taught to that topic */
  | { status: 'unchanged'; intent: string }
  | { status: 'invalid'; problem: string }

export type ForgetOutcome = { status: 'forgotten'; phrasing: TaughtPhrasing } | { status: 'not-taught' }

/**
 * A new random version token (not a counter: a token cannot repeat one an instance saw before the key expired), then
 * the snapshot for it (read after the version is set, so it holds every write the version follows).
 */
async function bumpVersion(store: Store, version: string = crypto.randomUUID()): Promise<void> {
  await store.set(TAUGHT_VERSION_KEY, version, TAUGHT_VERSION_TTL_SECONDS)
  await writeSnapshot(store, version)
}

/**
 * Stores one phrasing as taught, without the checks `teach` makes, and bumps the version. `version` is for callers
 * that may not draw random values (the Worker's start-up warm-up); everyone else gets a fresh one.
 */
export async function storeTaught(store: Store, knowledge: Knowledge, text: string, intentId: string, at: Date, version?: string): Promise<TaughtPhrasing> {
  const phrasing: TaughtPhrasing = { text, intent: intentId, at: at.toISOString(), shape: storeShape(knowledge, text) }
  await store.hset(TAUGHT_KEY, canonicalFor(knowledge)(text), JSON.stringify(phrasing))
  // After the write: an instance that sees the new version is sure to read the new phrasing.
  await bumpVersion(store, version)
  return phrasing
}

/** An intent by id or by its title (as shown on buttons), forgiving case, spaces and punctuation. */
export function resolveIntent(knowledge: Knowledge, ref: string): Intent | null {
  const byId = knowledge.byId.get(ref.trim().toLowerCase())
  if (byId) return byId
  const want = normalizeText(ref).replace(/\s+/g, '')
  if (!want) return null
  return knowledge.intents.find((i) => normalizeText(i.title).replace(/\s+/g, '') === want) ?? null
}

function textProblem(text: string, canonical: string): string | null {
  if ([...text].length > MAX_TAUGHT_TEXT) return `问题太长了（最多 ${MAX_TAUGHT_TEXT} 个字）`
  if (canonical.replace(/\s+/g, '').length < 2) return '问题至少要有两个字（标点和表情不算）'
  return null
}

export async function teach(store: Store, knowledge: Knowledge, text: string, intentRef: string, opts: { force?: boolean; now?: Date } = {}): Promise<TeachOutcome> {
  const intent = resolveIntent(knowledge, intentRef)
  if (!intent) return { status: 'invalid', problem: `没有叫「${intentRef.trim()}」的主题` }
  const clean = text.trim()
  const canonical = canonicalFor(knowledge)(clean)
  const problem = textProblem(clean, canonical)
  if (problem) return { status: 'invalid', problem }
  if (knownPhrasing(knowledge, clean)?.intent === intent.id) return { status: 'known', intent: intent.id }

  const current = await store.hgetall(TAUGHT_KEY)
  const previous = current[canonical] ? decodeTaught(current[canonical]!) : null
  if (previous?.intent === intent.id) return { status: 'unchanged', intent: intent.id }
  if (!previous && Object.keys(current).length >= MAX_TAUGHT) {
    return { status: 'invalid', problem: `已经教了 ${MAX_TAUGHT} 条，先运行 \`knowledge pull\` 把它们并入知识库` }
  }
  const taught = Object.values(current).map(decodeTaught).filter((p): p is TaughtPhrasing => p !== null)
  const conflicts = conflictsOf(knowledge, taught, clean, intent.id)
  if (conflicts.length && !opts.force) return { status: 'conflicts', intent: intent.id, conflicts }

  const phrasing = await storeTaught(store, knowledge, clean, intent.id, opts.now ?? new Date())
  return { status: 'taught', phrasing, ...(previous ? { replaced: previous.intent } : {}), conflicts }
}

export async function forget(store: Store, knowledge: Knowledge, text: string): Promise<ForgetOutcome> {
  const canonical = canonicalFor(knowledge)(text.trim())
  const json = (await store.hgetall(TAUGHT_KEY))[canonical]
  const phrasing = json ? decodeTaught(json) : null
  if (!phrasing) return { status: 'not-taught' }
  await store.hdel(TAUGHT_KEY, canonical)
  await bumpVersion(store)
  return { status: 'forgotten', phrasing }
}

/** Every taught phrasing, oldest first (text, intent, when). */
export async function listTaught(store: Store): Promise<TaughtPhrasing[]> {
  return (await readTaught(store)).map(({ text, intent, at }) => ({ text, intent, at }))
}

/** Removes phrasings (after `knowledge pull` wrote them into the file) and bumps the version once. */
export async function clearTaught(store: Store, knowledge: Knowledge, phrasings: TaughtPhrasing[]): Promise<void> {
  if (!phrasings.length) return
  const canonical = canonicalFor(knowledge)
  await Promise.all(phrasings.map((p) => store.hdel(TAUGHT_KEY, canonical(p.text))))
  await bumpVersion(store)
}
