import type { InboundMessage } from '../bot/message'
import type { Reply } from '../bot/reply'
import type { Store } from '../store/store'
import type { RecentClaims } from './dedupe'
import type { Deliver } from './delivery'
import type { Note, Reject } from './rejections'

/** What both webhook adapters get from the app; each adds its own credentials. */
export interface WebhookDeps {
  store: Store
  /** This process's own recent claims, which still de-duplicate while Redis is down. */
  recentClaims?: RecentClaims
  /** The bot's one message path. */
  dispatch: (msg: InboundMessage) => Promise<Reply | null>
  /** Sends an answer that is not part of the HTTP response (in the background, through waitUntil). */
  deliver: Deliver
  waitUntil: (p: Promise<unknown>) => void
  /** Answers and counts a rejected request; rejections are logged at most once a minute per kind. */
  reject: Reject
  /** Counts (and logs at most once a minute) something odd in a request that is still served. */
  note: Note
  log: (message: string) => void
  now?: () => number
}
