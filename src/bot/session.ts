import { readSession, writeSession } from '../store/keys'
import type { Store } from '../store/store'
import type { Session } from './handler'
import type { InboundMessage } from './message'

export async function loadSession(store: Store, msg: InboundMessage): Promise<Session> {
  const raw = await readSession(store, msg)
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<Session>
      return { depth: typeof parsed.depth === 'number' ? parsed.depth : 0, ...(typeof parsed.lastIntent === 'string' ? { lastIntent: parsed.lastIntent } : {}) }
    } catch {
      // A corrupt session is worth less than the answer: start a fresh one.
    }
  }
  return { depth: 0 }
}

export async function saveSession(store: Store, msg: InboundMessage, session: Session): Promise<void> {
  await writeSession(store, msg, JSON.stringify(session))
}
