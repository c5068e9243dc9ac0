// One taught phrasing as stored, and the hash that holds them all.
import { TAUGHT_KEY } from '../store/keys'
import type { Store } from '../store/store'
import type { StoredShape } from './shape'

export interface TaughtPhrasing {
  /** as the admin typed it (trimmed, at most MAX_TEXT characters) */
  text: string
  intent: string
  /** ISO time it was taught */
  at: string
  /** how the overlay compares questions with it, computed when taught */
  shape?: StoredShape
}

export function decodeTaught(json: string): TaughtPhrasing | null {
  try {
    return validTaught(JSON.parse(json))
  } catch {
    return null
  }
}

/** A stored phrasing, or null when it is not one (the fields every reader needs are strings). */
export function validTaught(p: unknown): TaughtPhrasing | null {
  const t = p as TaughtPhrasing | null
  return t && typeof t.text === 'string' && typeof t.intent === 'string' && typeof t.at === 'string' ? t : null
}

/** Every taught phrasing from the hash (teach() keeps at most MAX_TAUGHT), oldest first. */
export async function readTaught(store: Store): Promise<TaughtPhrasing[]> {
  return Object.values(await store.hgetall(TAUGHT_KEY))
    .map(decodeTaught)
    .filter((p): p is TaughtPhrasing => p !== null)
    // ISO times sort as plain strings; localeCompare would start an ICU collator on an isolate's first question
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}
