import type { CryptoBackend } from '../crypto-backend'
import type { InboundMessage } from '../../bot/message'
import type { Reply } from '../../bot/reply'
import { claimCardAction, claimMessage } from '../../store/keys'
import type { Store } from '../../store/store'
import { adaptCardAction, adaptMessage, cardMessageId } from './adapt'
import { renderFeishuCard } from './card'
import type { FeishuApi } from './client'
import { BotMembership, CardAction, EventEnvelope, MessageReceive, UrlVerification, schemaReason } from './events'
import { decryptFeishu, timingSafeEqual, verifyFeishuSignature } from './verify'

export interface FeishuWebhookDeps {
  verificationToken?: string
  encryptKey?: string
  /** null when FEISHU_APP_ID / FEISHU_APP_SECRET are missing: events that need a reply then answer 503. */
  api: FeishuApi | null
  store: Store
  dispatch: (msg: InboundMessage) => Promise<Reply | null>
  onBotAdded: (chatId: string) => Promise<unknown>
  onBotRemoved: (chatId: string) => Promise<unknown>
  waitUntil: (p: Promise<unknown>) => void
  log: (message: string) => void
  /** Hash and cipher primitives; Web Crypto unless the runtime passes a faster one. */
  crypto?: CryptoBackend
  /** How long a card callback may think before it answers with a toast and finishes in the background. */
  callbackBudgetMs?: number
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } })
const fail = (status: number, error: string) => json({ error }, status)

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * POST /webhook/feishu: events and card callbacks on one URL (protocols.md §1-6).
 * Verifies the raw bytes, decrypts, checks the token, claims the message and acknowledges at once;
 * the reply is produced and sent in waitUntil.
 */
export async function handleFeishuWebhook(rawBody: Uint8Array, headers: Headers, deps: FeishuWebhookDeps): Promise<Response> {
  if (!deps.verificationToken) return fail(503, 'FEISHU_VERIFICATION_TOKEN is not set; the Feishu webhook cannot authenticate events')
  const outer = parseJson(new TextDecoder().decode(rawBody))
  if (!outer.ok || !isRecord(outer.value)) return fail(400, 'body is not a JSON object')

  let payload: unknown = outer.value
  if (typeof outer.value.encrypt === 'string') {
    if (!deps.encryptKey) return fail(503, 'FEISHU_ENCRYPT_KEY is not set but the event is encrypted')
    const signed = headers.has('x-lark-signature')
    if (signed && !(await verifyFeishuSignature(headers, deps.encryptKey, rawBody, deps.crypto))) return fail(401, 'signature does not match')
    const plain = await decryptFeishu(outer.value.encrypt, deps.encryptKey, deps.crypto)
    if (plain === null) return fail(401, 'encrypt cannot be decrypted with FEISHU_ENCRYPT_KEY')
    const inner = parseJson(plain)
    if (!inner.ok || !isRecord(inner.value)) return fail(400, 'decrypted payload is not a JSON object')
    // Only the URL handshake is sent unsigned (protocols.md §1); everything else must carry a signature.
    if (!signed && inner.value.type !== 'url_verification') return fail(401, 'missing X-Lark-Signature')
    payload = inner.value
  } else if (deps.encryptKey) {
    return fail(401, 'expected an encrypted body (FEISHU_ENCRYPT_KEY is set)')
  }

  const body = payload as Record<string, unknown>
  if (body.type === 'url_verification') {
    const hs = UrlVerification.safeParse(body)
    if (!hs.success) return fail(400, schemaReason(hs.error))
    if (!tokenMatches(hs.data.token, deps.verificationToken)) return fail(401, 'verification token does not match')
    return json({ challenge: hs.data.challenge })
  }
  if (!('schema' in body) && typeof body.token === 'string') {
    // v1.0 events: authenticate, then decline politely; the bot subscribes to v2.0 events only.
    return tokenMatches(body.token, deps.verificationToken) ? json({}) : fail(401, 'verification token does not match')
  }

  const env = EventEnvelope.safeParse(body)
  if (!env.success) return fail(400, schemaReason(env.error))
  if (!tokenMatches(env.data.header.token, deps.verificationToken)) return fail(401, 'verification token does not match')
  const { event_type: type, event_id: eventId } = env.data.header

  switch (type) {
    case 'im.message.receive_v1':
      return onMessage(env.data.event, eventId, deps)
    case 'card.action.trigger':
      return onCardAction(env.data.event, eventId, deps)
    case 'im.chat.member.bot.added_v1':
    case 'im.chat.member.bot.deleted_v1': {
      const ev = BotMembership.safeParse(env.data.event)
      if (!ev.success) return fail(400, schemaReason(ev.error))
      const chatId = ev.data.chat_id
      const work = type === 'im.chat.member.bot.added_v1' ? deps.onBotAdded(chatId) : deps.onBotRemoved(chatId)
      deps.waitUntil(work.catch((e: unknown) => deps.log(`feishu ${type} ${eventId}: ${errorText(e)}`)))
      return json({})
    }
    default:
      return json({})
  }
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  return typeof given === 'string' && timingSafeEqual(given, expected)
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

async function onMessage(event: unknown, eventId: string, deps: FeishuWebhookDeps): Promise<Response> {
  const parsed = MessageReceive.safeParse(event)
  if (!parsed.success) return fail(400, schemaReason(parsed.error))
  if (!deps.api) return fail(503, 'FEISHU_APP_ID and FEISHU_APP_SECRET must be set to answer messages')
  const ev = parsed.data
  if (ev.sender.sender_type && ev.sender.sender_type !== 'user') return json({})
  // Dedupe on message_id, not event_id: Feishu may redeliver one message under a new event id (§3).
  const first = await claimMessage(deps.store, 'feishu', ev.message.message_id)
  if (!first) return json({})
  const api = deps.api
  deps.waitUntil(
    (async () => {
      const msg = adaptMessage(ev, await api.botOpenId())
      if (!msg) return
      const reply = await deps.dispatch(msg)
      if (!reply) return
      await api.replyCard(msg.messageId, renderFeishuCard(reply), `r-${msg.messageId}`)
    })().catch((e: unknown) => deps.log(`feishu message ${ev.message.message_id} (event ${eventId}): ${errorText(e)}`)),
  )
  return json({})
}

async function onCardAction(event: unknown, eventId: string, deps: FeishuWebhookDeps): Promise<Response> {
  const parsed = CardAction.safeParse(event)
  if (!parsed.success) return fail(400, schemaReason(parsed.error))
  const msg = adaptCardAction(parsed.data, eventId)
  if (!msg) return json({ toast: { type: 'warning', content: '这个按钮已失效，请直接@我提问' } })
  if (!(await claimCardAction(deps.store, 'feishu', eventId))) return json({})
  const api = deps.api
  const target = cardMessageId(parsed.data)

  const work = deps.dispatch(msg)
  let timer: ReturnType<typeof setTimeout> | undefined
  const budget = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), deps.callbackBudgetMs ?? 2000)))
  const first = await Promise.race([work, budget]).finally(() => clearTimeout(timer))

  const send = async (reply: Reply | null) => {
    if (!reply || reply.kind === 'toast') return
    if (!api || !target) throw new Error('cannot post the answer: Feishu credentials or the card message id are missing')
    await api.replyCard(target, renderFeishuCard(reply), `c-${eventId}`)
  }
  const logFail = (e: unknown) => deps.log(`feishu card action (event ${eventId}): ${errorText(e)}`)

  if (first === 'late') {
    deps.waitUntil(work.then(send).catch(logFail))
    return json({ toast: { type: 'info', content: '正在为你解答…' } })
  }
  if (first?.kind === 'toast') return json({ toast: { type: 'success', content: first.title } })
  deps.waitUntil(send(first).catch(logFail))
  return json(first ? { toast: { type: 'info', content: `正在回答：${first.title}`.slice(0, 40) } } : {})
}
