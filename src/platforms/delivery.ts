import type { InboundMessage } from '../bot/message'
import type { Reply } from '../bot/reply'
import type { Messengers, ReplyTarget } from './messenger'

export interface DeliveryDeps {
  messengers: Messengers
  dispatch: (msg: InboundMessage) => Promise<Reply | null>
  log: (message: string) => void
}

/**
 * Sends the answer to one inbound message: `pending` when the webhook already started dispatch, otherwise
 * dispatch(msg). Never rejects; a failure is logged with the message id.
 */
export type Deliver = (target: ReplyTarget, msg: InboundMessage, pending?: Promise<Reply | null>) => Promise<void>

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function createDelivery(deps: DeliveryDeps): Deliver {
  return async (target, msg, pending) => {
    try {
      const reply = await (pending ?? deps.dispatch(msg))
      if (reply) await deps.messengers[target.platform].reply(target, reply)
    } catch (err) {
      deps.log(`${target.platform} reply to ${target.messageId}: ${errorText(err)}`)
    }
  }
}
