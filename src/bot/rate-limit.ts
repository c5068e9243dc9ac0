import { countMessage } from '../store/keys'
import type { Store } from '../store/store'
import type { InboundMessage } from './message'

export type RateVerdict = 'ok' | 'warn' | 'silent'

/**
 * Fixed one-minute window per user per chat. The first message over the limit gets a friendly
 * notice ('warn'); further ones in the same minute are dropped ('silent') so one person cannot flood a group.
 */
export async function checkRate(store: Store, msg: InboundMessage, perMinute: number, now: Date): Promise<RateVerdict> {
  const n = await countMessage(store, msg, now)
  if (n <= perMinute) return 'ok'
  return n === perMinute + 1 ? 'warn' : 'silent'
}
