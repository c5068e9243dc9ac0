import type { InboundMessage } from '../../bot/message'
import type { Reply } from '../../bot/reply'
import { claimMessage } from '../../store/keys'
import type { Store } from '../../store/store'
import { adaptCallback } from './adapt'
import { renderMarkdown, renderTemplateCard, STREAM_MAX_BYTES } from './card'
import { postResponseUrl } from './client'
import { decryptWecom, validateEncodingAesKey, verifyWecomSignature } from './crypto'
import { Callback, EncryptedBody } from './events'
import { readBodyLimited } from './read-body'
import { sealPassiveReply } from './reply-envelope'

// GET/POST /webhook/wecom: the 智能机器人 API-mode callback (protocols.md §8, interfaces.md "HTTP routes").

export interface WecomDeps {
  /** WECOM_BOT_TOKEN */
  token?: string
  /** WECOM_BOT_ENCODING_AES_KEY */
  encodingAesKey?: string
  store: Store
  /** The bot's one message path. */
  dispatch: (msg: InboundMessage) => Promise<Reply | null>
  waitUntil: (p: Promise<unknown>) => void
  fetch?: typeof fetch
  /** How long to wait for dispatch before answering empty and replying through response_url. */
  replyDeadlineMs?: number
  log?: (message: string) => void
  /** Clock for the reply envelope's timestamp (tests). */
  now?: () => number
}

const MAX_BODY_BYTES = 1024 * 1024
const DEFAULT_DEADLINE_MS = 2500

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } })
const fail = (status: number, error: string) => jsonResponse(status, { error })
/** WeCom reads an empty 200 as "no reply". */
const empty = () => new Response(null, { status: 200 })

interface Creds {
  token: string
  key: string
}

function credentials(deps: WecomDeps): Creds | Response {
  if (!deps.token) return fail(503, 'WeCom bot is not configured: WECOM_BOT_TOKEN is not set')
  if (!deps.encodingAesKey) return fail(503, 'WeCom bot is not configured: WECOM_BOT_ENCODING_AES_KEY is not set')
  const problem = validateEncodingAesKey(deps.encodingAesKey)
  if (problem) return fail(503, problem)
  return { token: deps.token, key: deps.encodingAesKey }
}

function queryParams(url: URL, names: string[]): Record<string, string> | Response {
  const out: Record<string, string> = {}
  for (const name of names) {
    const v = url.searchParams.get(name)
    if (!v) return fail(400, `missing query parameter ${name}`)
    out[name] = v
  }
  return out
}

export async function handleWecomWebhook(req: Request, deps: WecomDeps): Promise<Response> {
  const log = deps.log ?? ((m: string) => console.error(m))
  try {
    if (req.method !== 'GET' && req.method !== 'POST') return fail(405, `method ${req.method} not allowed`)
    const creds = credentials(deps)
    if (creds instanceof Response) return creds
    const url = new URL(req.url)
    return req.method === 'GET' ? await verifyUrl(url, creds) : await receive(req, url, creds, deps, log)
  } catch (err) {
    log(`wecom webhook: ${err instanceof Error ? err.message : String(err)}`)
    return fail(503, 'temporarily unable to process the callback')
  }
}

/** Base64 has no spaces: a '+' that reached us unescaped was turned into ' ' by query decoding. */
const restorePlus = (b64: string) => b64.replace(/ /g, '+')

async function verifyUrl(url: URL, creds: Creds): Promise<Response> {
  const q = queryParams(url, ['msg_signature', 'timestamp', 'nonce', 'echostr'])
  if (q instanceof Response) return q
  const echostr = restorePlus(q.echostr!)
  if (!(await verifyWecomSignature(creds.token, q.timestamp!, q.nonce!, echostr, q.msg_signature!))) {
    return fail(401, 'msg_signature does not match')
  }
  const plain = await decryptWecom(creds.key, echostr)
  if (!plain.ok) return fail(400, `echostr could not be decrypted (${plain.error})`)
  return new Response(plain.message, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` : 'invalid'
}

async function receive(req: Request, url: URL, creds: Creds, deps: WecomDeps, log: (m: string) => void): Promise<Response> {
  const q = queryParams(url, ['msg_signature', 'timestamp', 'nonce'])
  if (q instanceof Response) return q
  const raw = await readBodyLimited(req, MAX_BODY_BYTES)
  if (!raw) return fail(413, 'body is over 1 MiB')
  let body: unknown
  try {
    body = JSON.parse(new TextDecoder().decode(raw))
  } catch {
    return fail(400, 'body is not JSON')
  }
  const envelope = EncryptedBody.safeParse(body)
  if (!envelope.success) return fail(400, `body must be {"encrypt": string}: ${firstIssue(envelope.error)}`)
  const { encrypt } = envelope.data
  if (!(await verifyWecomSignature(creds.token, q.timestamp!, q.nonce!, encrypt, q.msg_signature!))) {
    return fail(401, 'msg_signature does not match')
  }
  const plain = await decryptWecom(creds.key, encrypt)
  if (!plain.ok) return fail(400, `encrypt could not be decrypted (${plain.error})`)
  let payload: unknown
  try {
    payload = JSON.parse(plain.message)
  } catch {
    return fail(400, 'decrypted message is not JSON')
  }
  // Stream refreshes ask for the next chunk of a stream; every reply here is sent finished, so there is none.
  if ((payload as { msgtype?: unknown } | null)?.msgtype === 'stream') return empty()
  const parsed = Callback.safeParse(payload)
  if (!parsed.success) return fail(400, `callback does not match the schema: ${firstIssue(parsed.error)}`)
  const cb = parsed.data
  const msg = adaptCallback(cb)
  if (!msg) return empty()
  // WeCom may deliver the same msgid more than once (network retries); only the first delivery is answered.
  if (!(await claimMessage(deps.store, 'wecom', cb.msgid))) return empty()

  const ctx: ReplyContext = { cb, msg, nonce: q.nonce!, creds, deps, log }
  return msg.action ? answerButton(ctx) : answerMessage(ctx)
}

interface ReplyContext {
  cb: Callback
  msg: InboundMessage
  nonce: string
  creds: Creds
  deps: WecomDeps
  log: (m: string) => void
}

function safeDispatch(ctx: ReplyContext): Promise<Reply | null> {
  return ctx.deps.dispatch(ctx.msg).catch((err: unknown) => {
    ctx.log(`wecom dispatch ${ctx.cb.msgid}: ${err instanceof Error ? err.message : String(err)}`)
    return null
  })
}

const LATE = Symbol('late')

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Delivers a reply through response_url in the background; logs instead of throwing. */
function deliverLater(ctx: ReplyContext, work: Promise<Reply | null>): void {
  const url = ctx.cb.response_url
  ctx.deps.waitUntil(
    work
      .then(async (reply) => {
        if (!reply) return
        if (!url) return ctx.log(`wecom ${ctx.cb.msgid}: reply ready after the deadline but no response_url`)
        await postResponseUrl(url, reply, ctx.deps.fetch ?? fetch)
      })
      .catch((err: unknown) => ctx.log(`wecom response_url ${ctx.cb.msgid}: ${err instanceof Error ? err.message : String(err)}`)),
  )
}

async function sealed(ctx: ReplyContext, payload: unknown): Promise<Response> {
  return jsonResponse(200, await sealPassiveReply(ctx.creds.token, ctx.creds.key, payload, ctx.nonce, ctx.deps.now))
}

/**
 * A typed message: answered in the HTTP response as one finished `stream` when dispatch is quick. In a 1:1 chat a
 * reply with buttons goes as `stream_with_template_card` (the text plus a button card); groups get markdown only,
 * with ask/command buttons spelled out, since WeCom allows template cards to AI bots only in 1:1 chats.
 */
async function answerMessage(ctx: ReplyContext): Promise<Response> {
  const work = safeDispatch(ctx)
  const reply = await withDeadline(work, ctx.deps.replyDeadlineMs ?? DEFAULT_DEADLINE_MS)
  if (reply === LATE) {
    deliverLater(ctx, work)
    return empty()
  }
  if (!reply) return empty()
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
  const work = safeDispatch(ctx)
  if (ctx.cb.response_url) {
    deliverLater(ctx, work)
    return empty()
  }
  const reply = await withDeadline(work, ctx.deps.replyDeadlineMs ?? DEFAULT_DEADLINE_MS)
  const card = reply && reply !== LATE ? renderTemplateCard(reply) : null
  if (!card) return empty()
  return sealed(ctx, { response_type: 'update_template_card', userids: [ctx.cb.from.userid], template_card: card })
}
