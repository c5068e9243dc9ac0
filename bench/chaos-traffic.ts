// Questions as Feishu and WeCom send them (encrypted, signed, re-signed on every delivery), sent the way the
// platforms send them: a non-200 or a missed deadline is delivered again later, and now and then a message is
// delivered twice anyway (both platforms say they may). Every delivery's acknowledgement time is recorded.
import { Agent, request } from 'node:http'
import { encryptFeishu, feishuSignature } from '../src/platforms/feishu/verify'
import { decryptWecom, encryptWecom, wecomSignature } from '../src/platforms/wecom/crypto'

export const FEISHU_TOKEN = 'chaos_verification_token'
export const FEISHU_KEY = 'chaos encrypt key'
export const WECOM_TOKEN = 'chaosWecomToken'
export const WECOM_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR'

export type Kind = 'feishu-group' | 'feishu-p2p' | 'wecom-button' | 'wecom-text'

export interface Question {
  id: string
  kind: Kind
  text: string
  phase: string
  sentAt: number
  /** Key of the reply in ChaosPlatform.shown: the Feishu reply uuid or the WeCom response_code. */
  shownKey: string
  /** Replies that came back in the HTTP response itself (WeCom passive replies), one per delivery that had one. */
  passive: { at: number; content: string; taskId?: string }[]
  /** Acknowledgement time of every delivery that got an answer, and its status. */
  acks: { ms: number; status: number; phase: string }[]
  /** Deliveries with no answer within the platform's deadline (or a refused connection). */
  lost: number
  /** For wecom-button without a response_url: the task_id of the card that was pressed. */
  taskId?: string
}

export interface Wire {
  path: string
  headers: Record<string, string>
  body: string
}

const encoder = new TextEncoder()

/** The question as Feishu posts it, signed at `timestampSeconds` (now unless replaying). */
export async function feishuWire(q: Question, botOpenId: string, timestampSeconds = Math.floor(Date.now() / 1000)): Promise<Wire> {
  const group = q.kind === 'feishu-group'
  const event = {
    schema: '2.0',
    header: { event_id: `ev_${q.id}_${Math.random().toString(36).slice(2, 8)}`, event_type: 'im.message.receive_v1', token: FEISHU_TOKEN, create_time: String(q.sentAt), app_id: 'cli_chaos', tenant_key: 't' },
    event: {
      sender: { sender_id: { open_id: `ou_${q.id}` }, sender_type: 'user', tenant_key: 't' },
      message: {
        message_id: q.id,
        chat_id: `oc_${q.id}`,
        chat_type: group ? 'group' : 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text: group ? `@_user_1 ${q.text}` : q.text }),
        mentions: group ? [{ key: '@_user_1', id: { open_id: botOpenId }, name: '红书参谋', tenant_key: 't' }] : [],
      },
    },
  }
  const body = JSON.stringify({ encrypt: await encryptFeishu(JSON.stringify(event), FEISHU_KEY) })
  const ts = String(timestampSeconds)
  const nonce = Math.random().toString(36).slice(2)
  const signature = await feishuSignature(ts, nonce, FEISHU_KEY, encoder.encode(body))
  return {
    path: '/webhook/feishu',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': nonce, 'x-lark-signature': signature },
    body,
  }
}

/** The question as WeCom posts it: a group @-message, or a button press on a 1:1 card (with or without response_url). */
export async function wecomWire(q: Question, responseBase: string | null, timestampSeconds = Math.floor(Date.now() / 1000)): Promise<Wire> {
  const base = { msgid: q.id, aibotid: 'AIBOT', from: { userid: `u_${q.id}` } }
  const responseUrl = responseBase ? { response_url: `${responseBase}/cgi-bin/aibot/response?response_code=${q.shownKey}` } : {}
  const callback =
    q.kind === 'wecom-button'
      ? { ...base, chattype: 'single', ...responseUrl, msgtype: 'event', event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: 'a:new-account', task_id: q.taskId ?? `task_${q.id}` } } }
      : { ...base, chatid: `chat_${q.id}`, chattype: 'group', ...responseUrl, msgtype: 'text', text: { content: `@红书参谋 ${q.text}` } }
  const ts = String(timestampSeconds)
  const nonce = String(Math.floor(Math.random() * 1e9))
  const encrypt = await encryptWecom(WECOM_KEY, JSON.stringify(callback), '')
  const sig = await wecomSignature(WECOM_TOKEN, ts, nonce, encrypt)
  return { path: `/webhook/wecom?${new URLSearchParams({ msg_signature: sig, timestamp: ts, nonce })}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt }) }
}

const agents = new Map<string, Agent>()
const agentFor = (base: string) => agents.get(base) ?? (agents.set(base, new Agent({ keepAlive: true, maxSockets: 16 })), agents.get(base)!)

export function closeAgents(): void {
  for (const a of agents.values()) a.destroy()
}

export type Answer =
  | { kind: 'answer'; status: number; body: string; ms: number }
  /** Nothing listens there (an instance that is restarting): a load balancer would try the next one. */
  | { kind: 'refused' }
  /** No complete answer within the deadline, or the connection broke: the platform counts the push as failed. */
  | { kind: 'no-answer'; ms: number }

/** One POST over a kept-alive connection, timed to the complete answer. */
export function post(base: string, wire: Wire, deadlineMs: number): Promise<Answer> {
  const url = new URL(base)
  const started = performance.now()
  return new Promise((resolve) => {
    const req = request(
      { agent: agentFor(base), host: url.hostname, port: url.port, path: wire.path, method: 'POST', headers: { ...wire.headers, 'content-length': String(Buffer.byteLength(wire.body)) }, timeout: deadlineMs },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }))
        res.on('error', () => resolve({ kind: 'no-answer', ms: performance.now() - started }))
      },
    )
    req.on('timeout', () => {
      req.destroy()
      resolve({ kind: 'no-answer', ms: performance.now() - started })
    })
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'no-answer', ms: performance.now() - started }))
    req.end(wire.body)
  })
}

/** The decrypted payload of a WeCom passive reply, or null for an empty answer. */
export async function openPassive(body: string): Promise<{ content: string; taskId?: string } | null> {
  if (!body) return null
  const env = JSON.parse(body) as { encrypt: string }
  const plain = await decryptWecom(WECOM_KEY, env.encrypt)
  if (!plain.ok) throw new Error(`passive reply does not decrypt: ${plain.error}`)
  const payload = JSON.parse(plain.message) as { stream?: { content?: string }; template_card?: { task_id?: string } }
  return { content: payload.stream?.content ?? JSON.stringify(payload), taskId: payload.template_card?.task_id }
}
