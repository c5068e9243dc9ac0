// Every taught phrasing as one value, written after each change for the version token it follows. An instance's
// first question then reads the phrasings in one GET and one JSON.parse, instead of decoding the hash's fields one by
// one (with 200 phrasings that was most of what the taught overlay added to a fresh isolate's first question).
// The hash stays the record: a snapshot for another version (two teaches racing, an expired key) is ignored.
import { TAUGHT_SNAPSHOT_KEY, TAUGHT_VERSION_TTL_SECONDS } from '../store/keys'
import type { Store } from '../store/store'
import { readTaught, validTaught, type TaughtPhrasing } from './taught'

interface Snapshot {
  version: string
  phrasings: TaughtPhrasing[]
}

/** Writes the hash's phrasings as the snapshot of `version` (call after the version is set). */
export async function writeSnapshot(store: Store, version: string): Promise<void> {
  const snapshot: Snapshot = { version, phrasings: await readTaught(store) }
  await store.set(TAUGHT_SNAPSHOT_KEY, JSON.stringify(snapshot), TAUGHT_VERSION_TTL_SECONDS)
}

/** The phrasings of the snapshot written for `version`, oldest first, or null when there is none for it. */
export async function readSnapshot(store: Store, version: string | null): Promise<TaughtPhrasing[] | null> {
  if (version === null) return null
  const json = await store.get(TAUGHT_SNAPSHOT_KEY)
  if (json === null) return null
  try {
    const snapshot = JSON.parse(json) as Partial<Snapshot>
    if (snapshot.version !== version || !Array.isArray(snapshot.phrasings)) return null
    return snapshot.phrasings.map(validTaught).filter((p): p is TaughtPhrasing => p !== null)
  } catch {
    return null
  }
}
