import { encryptFeishu, feishuSignature } from '../../src/platforms/feishu/verify'

export const TOKEN = 'vt_test_token'
export const ENCRYPT_KEY = 'test encrypt key'
export const BOT = 'ou_bot_self'

let seq = 0
export const uid = (p: string) => `${p}_${Date.now().toString(36)}_${(seq++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`

/** Encrypts and signs a payload exactly as Feishu does when an Encrypt Key is set. */
/** `timestamp`: the signed X-Lark-Request-Timestamp in Unix seconds (default now). */
export async function feishuRequest(payload: unknown, opts: { key?: string; sign?: boolean; tamper?: boolean; timestamp?: number } = {}): Promise<Request> {
  const key = opts.key ?? ENCRYPT_KEY
  const body = JSON.stringify({ encrypt: await encryptFeishu(JSON.stringify(payload), key) })
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (opts.sign !== false) {
    const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000))
    const nonce = Math.random().toString(36).slice(2)
    headers['x-lark-request-timestamp'] = ts
    headers['x-lark-request-nonce'] = nonce
    headers['x-lark-signature'] = await feishuSignature(ts, nonce, key, new TextEncoder().encode(opts.tamper ? body + ' ' : body))
  }
  return new Request('http://bot.test/webhook/feishu', { method: 'POST', headers, body })
}

export function envelope(eventType: string, event: unknown, token = TOKEN) {
  return {
    schema: '2.0',
    header: { event_id: uid('ev'), event_type: eventType, create_time: String(Date.now()), token, app_id: 'cli_test', tenant_key: 't' },
    event,
  }
}

export function textMessage(opts: { text: string; chatId: string; chatType?: 'group' | 'p2p'; messageId?: string; sender?: string; mentionBot?: boolean }) {
  const chatType = opts.chatType ?? 'group'
  const mention = opts.mentionBot ?? chatType === 'group'
  return envelope('im.message.receive_v1', {
    sender: { sender_id: { open_id: opts.sender ?? 'ou_user_1' }, sender_type: 'user', tenant_key: 't' },
    message: {
      message_id: opts.messageId ?? uid('om'),
      chat_id: opts.chatId,
      chat_type: chatType,
      message_type: 'text',
      create_time: String(Date.now()),
      content: JSON.stringify({ text: mention ? `@_user_1 ${opts.text}` : opts.text }),
      mentions: mention ? [{ key: '@_user_1', id: { open_id: BOT }, name: '红书参谋', tenant_key: 't' }] : [],
    },
  })
}

export function cardAction(value: unknown, chatId: string, operator = 'ou_user_1') {
  return envelope('card.action.trigger', {
    operator: { open_id: operator },
    token: 'c-token',
    action: { value, tag: 'button' },
    host: 'im_message',
    context: { open_message_id: uid('om_card'), open_chat_id: chatId },
  })
}

/** An ExecutionContext whose background work the test can await. */
export function testCtx() {
  const pending: Promise<unknown>[] = []
  return {
    ctx: { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} },
    async settle() {
      while (pending.length) await Promise.allSettled(pending.splice(0))
    },
  }
}
