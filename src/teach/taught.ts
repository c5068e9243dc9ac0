// One taught phrasing as stored.
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
    const p = JSON.parse(json) as TaughtPhrasing
    return typeof p.text === 'string' && typeof p.intent === 'string' && typeof p.at === 'string' ? p : null
  } catch {
    return null
  }
}
