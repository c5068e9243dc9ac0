import type { Reply } from '../../bot/reply'
import { SendError } from '../../bot/send-error'
import type { Subscription } from '../../tips/subscriptions'
import type { Messenger, ReplyTarget } from '../messenger'
import { postResponseUrl, sendGroupWebhook, type WecomClientOptions } from './client'

/** Replies go to the callback's response_url (markdown); tips go to the group's robot webhook. */
export function wecomMessenger(opts: WecomClientOptions): Messenger {
  return {
    async reply(target: ReplyTarget, reply: Reply, signal?: AbortSignal) {
      await postResponseUrl(target.address, reply, { ...opts, signal })
    },
    async post(sub: Subscription, reply: Reply, _key: string, signal?: AbortSignal) {
      if (!sub.webhookUrl) throw new SendError(`WeCom chat ${sub.chatId} has no group webhook URL`, 0, 'gone')
      await sendGroupWebhook(sub.webhookUrl, reply, { ...opts, signal })
    },
  }
}
