import type { InboundMessage } from '../../bot/message'
import { decodeButtonKey } from './button-key'
import type { Callback } from './events'

// Turns a decrypted callback into the neutral InboundMessage, or null when it is nothing the bot answers.

function chatOf(cb: Callback): Pick<InboundMessage, 'chatId' | 'chatType'> {
  const group = cb.chattype === 'group' || (cb.chattype === undefined && cb.chatid !== undefined)
  return group && cb.chatid
    ? { chatId: cb.chatid, chatType: 'group' }
    : { chatId: `single:${cb.from.userid}`, chatType: 'p2p' }
}

function typedText(cb: Callback): string | null {
  switch (cb.msgtype) {
    case 'text':
      return cb.text?.content ?? null
    case 'voice':
      return cb.voice?.content ?? null
    case 'mixed': {
      const parts = (cb.mixed?.msg_item ?? []).flatMap((i) => (i.msgtype === 'text' && i.text ? [i.text.content] : []))
      return parts.length ? parts.join(' ') : null
    }
    default:
      return null
  }
}

/** WeCom puts "@BotName " in front of group messages; it only delivers @bot messages in groups, so drop the first. */
export function stripLeadingMention(text: string): string {
  return text.trim().replace(/^@\S+[\s\u2005]*/u, '').trim()
}

export function adaptCallback(cb: Callback): InboundMessage | null {
  const chat = chatOf(cb)
  const base = { platform: 'wecom' as const, ...chat, messageId: cb.msgid, senderId: cb.from.userid, raw: cb }
  if (cb.msgtype === 'event') {
    const key = cb.event?.eventtype === 'template_card_event' ? cb.event.template_card_event?.event_key : undefined
    const action = key ? decodeButtonKey(key) : null
    return action ? { ...base, text: '', mentionsBot: true, action } : null
  }
  const text = typedText(cb)
  if (text === null) return null
  const group = chat.chatType === 'group'
  return { ...base, text: group ? stripLeadingMention(text) : text.trim(), mentionsBot: true }
}
