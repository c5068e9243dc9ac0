import type { Reply } from '../../bot/reply'
import { SendError } from '../../bot/send-error'
import type { Subscription } from '../../tips/subscriptions'
import type { Messenger, ReplyTarget } from '../messenger'
import { renderFeishuCard } from './card'
import type { FeishuApi } from './client'

/** Replies answer the message (or the pressed card's message) by id; tips are sent to the chat. Both as card JSON 2.0. */
export function feishuMessenger(api: FeishuApi | null): Messenger {
  const client = (): FeishuApi => {
    if (!api) throw new SendError('FEISHU_APP_ID and FEISHU_APP_SECRET are not set', 0, 'failed')
    return api
  }
  return {
    async reply(target: ReplyTarget, reply: Reply, signal?: AbortSignal) {
      await client().replyCard(target.address, renderFeishuCard(reply), target.idempotencyKey, signal)
    },
    async post(sub: Subscription, reply: Reply, key: string, signal?: AbortSignal) {
      await client().sendCard(sub.chatId, renderFeishuCard(reply), key, signal)
    },
  }
}
