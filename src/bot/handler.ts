import type { Knowledge } from '../knowledge/knowledge'
import type { InboundMessage } from './message'
import type { Reply } from './reply'
import type { Store } from '../store/store'

/** Multi-turn context per chat + user, kept 30 minutes. */
export interface Session {
  /** The intent last answered, so "展开说说 / 还有吗 / 那新号呢" can continue from it. */
  lastIntent?: string
  /** How many follow-ups were given on lastIntent (0 = only the short answer so far). */
  depth: number
}

export interface HandlerContext {
  msg: InboundMessage
  /** Mutable: a handler that changes it gets it saved (only if nothing threw). */
  session: Session
  store: Store
  knowledge: Knowledge
  now: Date
  /** IANA zone of the community (TZ_NAME), for "today". */
  timeZone: string
  /** May run admin commands (subscribe/unsubscribe): true when ADMIN_IDS is unset or lists the sender. */
  isAdmin: boolean
  /** The sender is listed in ADMIN_IDS (false for everyone while it is empty): what teaching and stats require. */
  adminListed?: boolean
}

/** One thing the bot can do. Returns a reply when the message is its business, otherwise null. */
export type Handler = (ctx: HandlerContext) => Promise<Reply | null> | Reply | null
