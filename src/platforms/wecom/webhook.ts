import type { InboundMessage } from '../../bot/message'
import type { Reply } from '../../bot/reply'
import { claimOnce, claimsAreShared, dedupeKey, timestampProblem } from '../dedupe'
import { emptyResponse, errorResponse, jsonResponse, LATE, parseJson, readBody, withDeadline, zodReason } from '../http'
import { DEFAULT_TIMING } from '../timing'
import type { WebhookDeps } from '../webhook-deps'
import { adaptCallback } from './adapt'
import { renderMarkdown, renderTemplateCard, STREAM_MAX_BYTES } from './card'
import { responseUrlProblem } from './client'
import { decryptWecom, validateEncodingAesKey, verifyWecomSignature } from './crypto'
import { Callback, EncryptedBody } from './events'
import { sealPassiveReply } from './reply-envelope'

// GET/POST /webhook/wecom: the 智能机器人 API-mode callback (protocols.md §8, interfaces.md "HTTP routes").

export interface WecomWebhookDeps extends WebhookDeps {
  /** WECOM_BOT_TOKEN */
  token?: string
  /** WECOM_BOT_ENCODING_AES_KEY */
  encodingAesKey?: string
  /** How long to wait for dispatch before answering empty and replying through response_url. */
  replyDeadlineMs?: number
  /** WECOM_API_BASE: the one origin besides qyapi.weixin.qq.com a response_url may point at. */
  apiBase?: string
}

const TOKEN_HINT = 'is WECOM_BOT_TOKEN the Token from the bot\'s API settings? otherwise the request is not from WeCom'
const KEY_HINT = 'is WECOM_BOT_ENCODING_AES_KEY the EncodingAESKey from the bot\'s API settings?'

interface Creds {
  token: string
  key: string
}

function credentials(deps: WecomWebhookDeps): Creds | Response {
  if (!deps.token) return deps.reject(503, 'config', 'WeCom bot is not configured: WECOM_BOT_TOKEN is not set')
  if (!deps.encodingAesKey) return deps.reject(503, 'config', 'WeCom bot is not configured: WECOM_BOT_ENCODING_AES_KEY is not set')
  const problem = validateEncodingAesKey(deps.encodingAesKey)
  if (problem) return deps.reject(503, 'config', problem)
  return { token: deps.token, key: deps.encodingAesKey }
}

function queryParams(url: URL, names: string[], deps: WecomWebhookDeps): Record<string, string> | Response {
  const out: Record<string, string> = {}
  for (const name of names) {
    const v = url.searchParams.get(name)
    if (!v) return deps.reject(400, 'query', `missing query parameter ${name}`)
    out[name] = v
  }
  return out
}

export async function handleWecomWebhook(req: Request, deps: WecomWebhookDeps): Promise<Response> {
  if (req.method !== 'GET' && req.method !== 'POST') return errorResponse(405, `method ${req.method} not allowed`)
  const creds = credentials(deps)
  if (creds instanceof Response) return creds
  const url = new URL(req.url)
  return req.method === 'GET' ? verifyUrl(url, creds, deps) : receive(req, url, creds, deps)
}

/** Base64 has no spaces: a '+' that reached us unescaped was turned into ' ' by query decoding. */
const restorePlus = (b64: string) => b64.replace(/ /g, '+')

async function verifyUrl(url: URL, creds: Creds, deps: WecomWebhookDeps): Promise<Response> {
  const q = queryParams(url, ['msg_signature', 'timestamp', 'nonce', 'echostr'], deps)
  if (q instanceof Response) return q
  const echostr = restorePlus(q.echostr!)
  if (!(await verifyWecomSignature(creds.token, q.timestamp!, q.nonce!, echostr, q.msg_signature!))) {
    return deps.reject(401, 'signature', 'msg_signature does not match', { hint: TOKEN_HINT })
  }
  const stale = timestampProblem(q.timestamp!, (deps.now ?? Date.now)())
  if (stale) return deps.reject(401, 'timestamp', stale)
  const plain = await decryptWecom(creds.key, echostr)
  if (!plain.ok) return deps.reject(401, 'decryption', `echostr could not be decrypted (${plain.error})`, { hint: KEY_HINT })
  return new Response(plain.message, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

async function receive(req: Request, url: URL, creds: Creds, deps: WecomWebhookDeps): Promise<Response> {
  const { reject } = deps
  const q = queryParams(url, ['msg_signature', 'timestamp', 'nonce'], deps)
  if (q instanceof Response) return q
  const raw = await readBody(req)
  if (!raw.ok) return reject(raw.status, raw.problem, raw.error, { headers: raw.headers })
  const body = parseJson(new TextDecoder().decode(raw.bytes))
  if (!body.ok) return reject(400, 'json', 'body is not JSON')
  const envelope = EncryptedBody.safeParse(body.value)
  if (!envelope.success) return reject(400, 'schema', `body must be {"encrypt": string}: ${zodReason(envelope.error)}`)
  const { encrypt } = envelope.data
  if (!(await verifyWecomSignature(creds.token, q.timestamp!, q.nonce!, encrypt, q.msg_signature!))) {
    return reject(401, 'signature', 'msg_signature does not match', { hint: TOKEN_HINT })
  }
  const stale = timestampProblem(q.timestamp!, (deps.now ?? Date.now)())
  if (stale) return reject(401, 'timestamp', stale)
  const plain = await decryptWecom(creds.key, encrypt)
  if (!plain.ok) return reject(401, 'decryption', `encrypt could not be decrypted (${plain.error})`, { hint: KEY_HINT })
  const payload = parseJson(plain.message)
  if (!payload.ok) return reject(400, 'json', 'decrypted message is not JSON')
  // Stream refreshes ask for the next chunk of a stream; every reply here is sent finished, so there is none.
  if ((payload.value as { msgtype?: unknown } | null)?.msgtype === 'stream') return emptyResponse()
  const parsed = Callback.safeParse(payload.value)
  if (!parsed.success) return reject(400, 'schema', `callback does not match the schema: ${zodReason(parsed.error)}`)
  const cb = parsed.data
  if (cb.response_url) {
    const problem = responseUrlProblem(cb.response_url, deps.apiBase)
    if (problem) {
      // Answered as if there were none: passively when possible, never by posting to that host.
      deps.note('response_url refused', problem)
      delete cb.response_url
    }
  }
  const msg = adaptCallback(cb)
  if (!msg) return emptyResponse()
  // WeCom may deliver the same msgid more than once (network retries); only the first delivery is answered.
  if (!(await claimOnce(deps.store, deps.recentClaims, dedupeKey('wecom', cb.msgid)))) return emptyResponse()

  const ctx: ReplyContext = { cb, msg, nonce: q.nonce!, creds, deps }
  return msg.action ? answerButton(ctx) : answerMessage(ctx)
}

interface ReplyContext {
  cb: Callback
  msg: InboundMessage
  nonce: string
  creds: Creds
  deps: WecomWebhookDeps
}

const FAILED = Symbol('failed')

/** The reply if dispatch settles within the passive-reply deadline; LATE or FAILED otherwise. */
async function quickReply(ctx: ReplyContext, work: Promise<Reply | null>): Promise<Reply | null | typeof LATE | typeof FAILED> {
  return withDeadline(work, ctx.deps.replyDeadlineMs ?? DEFAULT_TIMING.answerInResponseMs).catch(() => FAILED)
}

/**
 * Hands a reply that is not going in the HTTP response to the delivery, through the callback's response_url. A
 * dispatch that failed goes too: the delivery keeps the message in the outbox and the drain produces it again.
 */
function deliverLater(ctx: ReplyContext, work: Promise<Reply | null>): void {
  const url = ctx.cb.response_url
  if (!url) {
    const lost = (why: string) => ctx.deps.note('reply lost', `${ctx.cb.msgid}: ${why}, and the callback has no usable response_url`)
    ctx.deps.waitUntil(work.then((reply) => reply && lost('ready after the deadline'), (e: unknown) => lost(`dispatch failed (${String(e)})`)))
    return
  }
  const target = { platform: 'wecom' as const, messageId: ctx.cb.msgid, address: url, idempotencyKey: ctx.cb.msgid, chatType: ctx.msg.chatType }
  ctx.deps.waitUntil(ctx.deps.deliver(target, ctx.msg, work))
}

async function sealed(ctx: ReplyContext, payload: unknown): Promise<Response> {
  return jsonResponse(await sealPassiveReply(ctx.creds.token, ctx.creds.key, payload, ctx.nonce, ctx.deps.now))
}

/**
 * A typed message: answered in the HTTP response as one finished `stream` when dispatch is quick. In a 1:1 chat a
 * reply with buttons goes as `stream_with_template_card` (the text plus a button card); groups get markdown only,
 * with ask/command buttons spelled out, since WeCom allows template cards to AI bots only in 1:1 chats.
 */
async function answerMessage(ctx: ReplyContext): Promise<Response> {
  const work = ctx.deps.dispatch(ctx.msg)
  // While Redis is down another instance cannot see this claim and may answer a redelivery too. A response_url
  // takes one post, so answering through it leaves WeCom itself to keep the reply single.
  if (ctx.cb.response_url && !claimsAreShared(ctx.deps.store)) {
    deliverLater(ctx, work)
    return emptyResponse()
  }
  const reply = await quickReply(ctx, work)
  if (reply === LATE || reply === FAILED) {
    deliverLater(ctx, work)
    return emptyResponse()
  }
  if (!reply) return emptyResponse()
  const card = ctx.msg.chatType === 'p2p' ? renderTemplateCard(reply) : null
  const stream = {
    id: crypto.randomUUID(),
    finish: true,
    content: renderMarkdown(reply, { maxBytes: STREAM_MAX_BYTES, buttonHints: card === null }),
  }
  return sealed(ctx, card ? { msgtype: 'stream_with_template_card', stream, template_card: card } : { msgtype: 'stream', stream })
}

/**
 * A button press (template_card_event): WeCom's only passive reply to it is a card update, so the answer goes
 * through response_url when the event has one; otherwise the pressed card is replaced by the answer's card.
 */
async function answerButton(ctx: ReplyContext): Promise<Response> {
  const work = ctx.deps.dispatch(ctx.msg)
  if (ctx.cb.response_url) {
    deliverLater(ctx, work)
    return emptyResponse()
  }
  const reply = await quickReply(ctx, work)
  if (reply === LATE || reply === FAILED) {
    deliverLater(ctx, work) // no response_url: counted as lost
    return emptyResponse()
  }
  // The updated card must carry the task_id of the card that was pressed (protocols.md §8, 被动回复消息).
  const taskId = ctx.cb.event?.template_card_event?.task_id
  const card = reply ? renderTemplateCard(reply, taskId) : null
  if (!card) return emptyResponse()
  return sealed(ctx, { response_type: 'update_template_card', userids: [ctx.cb.from.userid], template_card: card })
}
