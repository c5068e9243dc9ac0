import type { CryptoBackend } from '../crypto-backend'
import type { Reply } from '../../bot/reply'
import { cardDedupeKey, claimOnce, dedupeKey, timestampProblem } from '../dedupe'
import { emptyJson, isRecord, jsonResponse, LATE, parseJson, readBody, withDeadline, zodReason } from '../http'
import type { ReplyTarget } from '../messenger'
import { DEFAULT_TIMING } from '../timing'
import type { WebhookDeps } from '../webhook-deps'
import { adaptCardAction, adaptMessage, cardMessageId } from './adapt'
import type { FeishuApi } from './client'
import { BotMembership, CardAction, EventEnvelope, MessageReceive, UrlVerification } from './events'
import { decryptFeishu, timingSafeEqual, verifyFeishuSignature } from './verify'

export interface FeishuWebhookDeps extends WebhookDeps {
  verificationToken?: string
  encryptKey?: string
  /** null when FEISHU_APP_ID / FEISHU_APP_SECRET are missing: events that need a reply then answer 503. */
  api: FeishuApi | null
  onBotAdded: (chatId: string) => Promise<unknown>
  onBotRemoved: (chatId: string) => Promise<unknown>
  /** Hash and cipher primitives; Web Crypto unless the runtime passes a faster one. */
  crypto?: CryptoBackend
  /** How long a card callback may think before it answers with a toast and finishes in the background. */
  callbackBudgetMs?: number
}

const KEY_HINT = 'is FEISHU_ENCRYPT_KEY the Encrypt Key from 加密策略? otherwise the request is not from Feishu'
const TOKEN_HINT = 'is FEISHU_VERIFICATION_TOKEN the Verification Token from 加密策略?'

/**
 * POST /webhook/feishu: events and card callbacks on one URL (protocols.md §1-6).
 * Verifies the raw bytes, checks the signed timestamp, decrypts, checks the token, claims the message and
 * acknowledges at once; the reply is produced and sent in waitUntil.
 */
export async function handleFeishuWebhook(req: Request, deps: FeishuWebhookDeps): Promise<Response> {
  const { reject } = deps
  if (!deps.verificationToken) return reject(503, 'config', 'FEISHU_VERIFICATION_TOKEN is not set; the Feishu webhook cannot authenticate events')
  const raw = await readBody(req)
  if (!raw.ok) return reject(raw.status, raw.problem, raw.error, { headers: raw.headers })
  const outer = parseJson(new TextDecoder().decode(raw.bytes))
  if (!outer.ok || !isRecord(outer.value)) return reject(400, 'json', 'body is not a JSON object')

  let payload: Record<string, unknown> = outer.value
  if (typeof outer.value.encrypt === 'string') {
    if (!deps.encryptKey) return reject(503, 'config', 'FEISHU_ENCRYPT_KEY is not set but the event is encrypted')
    const headers = req.headers
    const signed = headers.has('x-lark-signature')
    if (signed) {
      if (!(await verifyFeishuSignature(headers, deps.encryptKey, raw.bytes, deps.crypto))) {
        return reject(401, 'signature', 'signature does not match', { hint: KEY_HINT })
      }
      const stale = timestampProblem(headers.get('x-lark-request-timestamp') ?? '', (deps.now ?? Date.now)())
      if (stale) return reject(401, 'timestamp', stale)
    }
    const plain = await decryptFeishu(outer.value.encrypt, deps.encryptKey, deps.crypto)
    if (plain === null) return reject(401, 'decryption', 'encrypt cannot be decrypted with FEISHU_ENCRYPT_KEY', { hint: KEY_HINT })
    const inner = parseJson(plain)
    if (!inner.ok || !isRecord(inner.value)) return reject(400, 'json', 'decrypted payload is not a JSON object')
    // Only the URL handshake is sent unsigned (protocols.md §1); everything else must carry a signature.
    if (!signed && inner.value.type !== 'url_verification') return reject(401, 'signature', 'missing X-Lark-Signature')
    payload = inner.value
  } else if (deps.encryptKey) {
    return reject(401, 'decryption', 'expected an encrypted body (FEISHU_ENCRYPT_KEY is set)', { hint: 'turn on the Encrypt Key in 加密策略, or unset FEISHU_ENCRYPT_KEY' })
  }

  const badToken = () => reject(401, 'token', 'verification token does not match', { hint: TOKEN_HINT })
  if (payload.type === 'url_verification') {
    const hs = UrlVerification.safeParse(payload)
    if (!hs.success) return reject(400, 'schema', zodReason(hs.error))
    if (!tokenMatches(hs.data.token, deps.verificationToken)) return badToken()
    return jsonResponse({ challenge: hs.data.challenge })
  }
  if (!('schema' in payload) && typeof payload.token === 'string') {
    // v1.0 events: authenticate, then decline politely; the bot subscribes to v2.0 events only.
    return tokenMatches(payload.token, deps.verificationToken) ? emptyJson() : badToken()
  }

  const env = EventEnvelope.safeParse(payload)
  if (!env.success) return reject(400, 'schema', zodReason(env.error))
  if (!tokenMatches(env.data.header.token, deps.verificationToken)) return badToken()
  const { event_type: type, event_id: eventId } = env.data.header

  switch (type) {
    case 'im.message.receive_v1':
      return onMessage(env.data.event, deps)
    case 'card.action.trigger':
      return onCardAction(env.data.event, eventId, deps)
    case 'im.chat.member.bot.added_v1':
    case 'im.chat.member.bot.deleted_v1': {
      const ev = BotMembership.safeParse(env.data.event)
      if (!ev.success) return reject(400, 'schema', zodReason(ev.error))
      const chatId = ev.data.chat_id
      const work = type === 'im.chat.member.bot.added_v1' ? deps.onBotAdded(chatId) : deps.onBotRemoved(chatId)
      deps.waitUntil(work.catch((e: unknown) => deps.log(`feishu ${type} ${eventId}: ${errorText(e)}`)))
      return emptyJson()
    }
    default:
      return emptyJson()
  }
}

function tokenMatches(given: string | undefined, expected: string): boolean {
  return typeof given === 'string' && timingSafeEqual(given, expected)
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

async function onMessage(event: unknown, deps: FeishuWebhookDeps): Promise<Response> {
  const parsed = MessageReceive.safeParse(event)
  if (!parsed.success) return deps.reject(400, 'schema', zodReason(parsed.error))
  const api = deps.api
  if (!api) return deps.reject(503, 'config', 'FEISHU_APP_ID and FEISHU_APP_SECRET must be set to answer messages')
  const ev = parsed.data
  if (ev.sender.sender_type && ev.sender.sender_type !== 'user') return emptyJson()
  // Dedupe on message_id, not event_id: Feishu may redeliver one message under a new event id (§3).
  if (!(await claimOnce(deps.store, deps.recentClaims, dedupeKey('feishu', ev.message.message_id)))) return emptyJson()
  deps.waitUntil(
    (async () => {
      // The bot's open_id only tells its own @ from other people's: a message without mentions (a direct chat) does
      // not need it, and a fresh isolate's first such question saves the bot-info call.
      const msg = adaptMessage(ev, ev.message.mentions?.length ? await api.botOpenId() : null)
      if (!msg) return
      const target: ReplyTarget = { platform: 'feishu', messageId: msg.messageId, address: msg.messageId, idempotencyKey: `r-${msg.messageId}`, chatType: msg.chatType }
      await deps.deliver(target, msg)
    })().catch((e: unknown) => deps.log(`feishu message ${ev.message.message_id}: ${errorText(e)}`)),
  )
  return emptyJson()
}

const toast = (type: 'info' | 'success' | 'warning', content: string) => jsonResponse({ toast: { type, content } })

async function onCardAction(event: unknown, eventId: string, deps: FeishuWebhookDeps): Promise<Response> {
  const parsed = CardAction.safeParse(event)
  if (!parsed.success) return deps.reject(400, 'schema', zodReason(parsed.error))
  const msg = adaptCardAction(parsed.data, eventId)
  if (!msg) return toast('warning', '这个按钮已失效，请直接@我提问')
  if (!(await claimOnce(deps.store, deps.recentClaims, cardDedupeKey('feishu', eventId)))) return emptyJson()
  // The answer is a reply to the card's own message; a missing id fails the send, which is logged.
  const target: ReplyTarget = {
    platform: 'feishu',
    messageId: msg.messageId,
    address: cardMessageId(parsed.data) ?? '',
    idempotencyKey: `c-${eventId}`,
    chatType: msg.chatType,
  }

  const work = deps.dispatch(msg)
  const first = await withDeadline(work, deps.callbackBudgetMs ?? DEFAULT_TIMING.answerInResponseMs).catch((): typeof LATE => LATE)
  // A toast is the whole answer to a button (a vote); anything else is posted as a card reply.
  const asCard = (r: Reply | null) => (r && r.kind !== 'toast' ? r : null)
  // Late, or dispatch failed: the delivery keeps the press in the outbox, and the drain answers it.
  if (first === LATE) {
    deps.waitUntil(deps.deliver(target, msg, work.then(asCard)))
    return toast('info', '正在为你解答…')
  }
  if (first?.kind === 'toast') return toast('success', first.title)
  if (!first) return emptyJson()
  deps.waitUntil(deps.deliver(target, msg, Promise.resolve(first)))
  return toast('info', `正在回答：${first.title}`.slice(0, 40))
}
