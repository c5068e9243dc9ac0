import { parseButtonAction } from '../../bot/button-action'
import type { InboundMessage } from '../../bot/message'
import type { CardActionEvent, MessageReceiveEvent } from './events'

/** Plain text of a text or post (rich text) message; other kinds (images, files) carry no question. */
export function messageText(messageType: string, content: string): string | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch {
    return null
  }
  if (!parsed || typeof parsed !== 'object') return null
  if (messageType === 'text') {
    const text = (parsed as { text?: unknown }).text
    return typeof text === 'string' ? text : null
  }
  if (messageType === 'post') return postText(parsed)
  return null
}

/**
 * A received post carries each @ as {"tag":"at","user_id":"@_user_1","user_name":"…"}: user_id is the same
 * placeholder the text message uses (a key into `mentions`), already starting with "@", so adaptMessage can
 * resolve it like text. Anything else falls back to "@name".
 */
function atText(el: { user_id?: string; user_name?: string }): string {
  if (el.user_id?.startsWith('@_')) return el.user_id
  return `@${el.user_name ?? el.user_id ?? ''}`
}

function postText(post: object): string | null {
  // A post is either {title, content} or keyed by locale: {zh_cn: {title, content}}.
  const body = 'content' in post ? post : Object.values(post).find((v) => v && typeof v === 'object' && 'content' in v)
  const rows = (body as { content?: unknown } | undefined)?.content
  if (!Array.isArray(rows)) return null
  const lines = rows.map((row) =>
    Array.isArray(row)
      ? row
          .map((el: { tag?: string; text?: string; user_id?: string; user_name?: string }) =>
            el.tag === 'text' || el.tag === 'a' ? (el.text ?? '') : el.tag === 'at' ? atText(el) : '',
          )
          .join('')
      : '',
  )
  return lines.join('\n')
}

/**
 * receive_v1 → InboundMessage. The bot's own @ placeholder is removed from the text; other people's
 * mentions become their names so a question like "@小王 说的关键词怎么布局" still reads naturally.
 */
export function adaptMessage(event: MessageReceiveEvent, botOpenId: string | null): InboundMessage | null {
  const { message, sender } = event
  const text = messageText(message.message_type, message.content)
  if (text === null) return null
  const mentions = message.mentions ?? []
  const isBot = (m: (typeof mentions)[number]) => (botOpenId ? m.id.open_id === botOpenId : true)
  let clean = text
  for (const m of mentions) clean = clean.split(m.key).join(isBot(m) ? ' ' : `@${m.name ?? ''}`)
  if (botOpenId) clean = clean.split(`@${botOpenId}`).join(' ')
  return {
    platform: 'feishu',
    chatId: message.chat_id,
    chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    messageId: message.message_id,
    senderId: sender.sender_id.open_id ?? sender.sender_id.user_id ?? 'unknown',
    text: clean.replace(/\s+/g, ' ').trim(),
    mentionsBot: mentions.some(isBot),
    raw: event,
  }
}

/** card.action.trigger → InboundMessage carrying the pressed button; null when the value is not one of ours. */
export function adaptCardAction(event: CardActionEvent, eventId: string): InboundMessage | null {
  const action = parseButtonAction(event.action.value)
  if (!action) return null
  const chatId = event.context?.open_chat_id ?? event.open_chat_id
  if (!chatId) return null
  return {
    platform: 'feishu',
    chatId,
    chatType: 'group',
    messageId: `card:${eventId}`,
    senderId: event.operator.open_id ?? event.operator.user_id ?? 'unknown',
    text: '',
    mentionsBot: true,
    action,
    raw: event,
  }
}

export function cardMessageId(event: CardActionEvent): string | undefined {
  return event.context?.open_message_id ?? event.open_message_id
}
