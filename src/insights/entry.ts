// One logged question: what was asked and what the bot decided. The asker is a salted hash (to count people,
// never to show them); the text is cut to MAX_TEXT characters.
import type { Platform } from '../bot/message'
import type { Store } from '../store/store'
import { ASKER_SALT_KEY, ASKER_SALT_TTL_SECONDS } from '../store/keys'

export const MAX_TEXT = 200

export interface Decision {
  /** The answered intent, or null (fallback, near-miss, small talk). */
  intent: string | null
  score: number
  /** Why, in a few words, when the matcher says. */
  reason?: string
  /** Closest intents, best first (the fallback's "你是不是想问"). */
  candidates: string[]
}

export interface LoggedQuestion extends Decision {
  id: string
  /** ms since epoch */
  at: number
  platform: Platform
  chatId: string
  chatType: 'group' | 'p2p'
  /** salted hash of the sender id */
  asker: string
  text: string
  /** 👍/👎 the answer received, joined on read. */
  votes?: { up: number; down: number }
}

/** Question ids: time in base 36 plus randomness; they travel in button values, so they are checked on return. */
export { QUESTION_ID } from '../bot/button-action'

/** Fills an array with random values, as crypto.getRandomValues does. */
export type RandomValues = <T extends Uint8Array | Uint32Array>(array: T) => T
const cryptoRandom: RandomValues = (array) => crypto.getRandomValues(array)

export function newQuestionId(nowMs: number, randomValues: RandomValues = cryptoRandom): string {
  const random = randomValues(new Uint32Array(1))[0]!.toString(36).padStart(7, '0')
  return `${nowMs.toString(36)}${random}`
}

/** The first MAX_TEXT characters (code points, so an emoji is never cut in half). */
export function clipText(text: string): string {
  const chars = [...text.trim()]
  return chars.length <= MAX_TEXT ? chars.join('') : chars.slice(0, MAX_TEXT).join('')
}

export function encodeEntry(e: LoggedQuestion): string {
  const { votes: _votes, ...stored } = e
  return JSON.stringify(stored)
}

export function decodeEntry(json: string): LoggedQuestion | null {
  try {
    const e = JSON.parse(json) as LoggedQuestion
    return typeof e.id === 'string' && typeof e.at === 'number' && typeof e.text === 'string' ? e : null
  } catch {
    return null
  }
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')

/** The store's salt, created on first use (two instances racing on the very first question may hash it with the losing salt: one person counted twice, once). */
export async function loadSalt(store: Store, randomValues: RandomValues = cryptoRandom): Promise<string> {
  const existing = await store.get(ASKER_SALT_KEY)
  if (existing) return existing
  await store.set(ASKER_SALT_KEY, hex(randomValues(new Uint8Array(16)).buffer), ASKER_SALT_TTL_SECONDS)
  return (await store.get(ASKER_SALT_KEY)) ?? ''
}

// Web Crypto's digest is a round trip to a worker thread (~0.1 ms on Node) and the same members ask again and again:
// remember recent hashes, a bounded few.
const recentHashes = new Map<string, string>()
const RECENT_HASHES_MAX = 10000

export async function askerHash(salt: string, platform: Platform, senderId: string): Promise<string> {
  const input = `${salt}\n${platform}\n${senderId}`
  const known = recentHashes.get(input)
  if (known) return known
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input))
  const hash = hex(digest).slice(0, 16)
  if (recentHashes.size >= RECENT_HASHES_MAX) recentHashes.clear()
  recentHashes.set(input, hash)
  return hash
}
