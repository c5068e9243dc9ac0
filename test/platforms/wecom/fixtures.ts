// Builds requests exactly as WeCom sends them to /webhook/wecom: encrypted with the EncodingAESKey, signed with the
// token, receive id "" (internal AI bot). Reusable by end-to-end tests through the real app.
import { decryptWecom, encryptWecom, wecomSignature } from '../../../src/platforms/wecom/crypto'

export const WECOM_TOKEN = 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo'
export const WECOM_AES_KEY = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt'
export const WECOM_PATH = 'http://localhost/webhook/wecom'

export interface WecomCreds {
  token: string
  key: string
}
const defaults: WecomCreds = { token: WECOM_TOKEN, key: WECOM_AES_KEY }

let seq = 0
export const uniqueId = (prefix = 'msg') => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`

/** GET ?msg_signature&timestamp&nonce&echostr, as WeCom sends when the callback URL is saved. */
export async function buildWecomVerifyRequest(
  echo: string,
  creds: WecomCreds = defaults,
  opts: { timestamp?: string; nonce?: string; base?: string } = {},
): Promise<Request> {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = opts.nonce ?? String(Math.floor(Math.random() * 1e9))
  const echostr = await encryptWecom(creds.key, echo, '')
  const sig = await wecomSignature(creds.token, timestamp, nonce, echostr)
  const qs = new URLSearchParams({ msg_signature: sig, timestamp, nonce, echostr })
  return new Request(`${opts.base ?? WECOM_PATH}?${qs}`)
}

/** POST ?msg_signature&timestamp&nonce with {"encrypt": …} carrying the JSON callback. */
export async function buildWecomRequest(
  callback: unknown,
  creds: WecomCreds = defaults,
  opts: { timestamp?: string; nonce?: string; base?: string; signature?: string } = {},
): Promise<Request> {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = opts.nonce ?? String(Math.floor(Math.random() * 1e9))
  const encrypt = await encryptWecom(creds.key, JSON.stringify(callback), '')
  const sig = opts.signature ?? (await wecomSignature(creds.token, timestamp, nonce, encrypt))
  const qs = new URLSearchParams({ msg_signature: sig, timestamp, nonce })
  return new Request(`${opts.base ?? WECOM_PATH}?${qs}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encrypt }),
  })
}

/** A text message callback as WeCom's doc shows it; group messages start with "@<bot> ". */
export function textCallback(
  text: string,
  opts: { chat?: 'group' | 'single'; chatId?: string; userId?: string; msgId?: string; responseUrl?: string } = {},
) {
  const group = (opts.chat ?? 'group') === 'group'
  return {
    msgid: opts.msgId ?? uniqueId(),
    aibotid: 'AIBOTID',
    ...(group ? { chatid: opts.chatId ?? 'CHAT_GROUP_1' } : {}),
    chattype: group ? 'group' : 'single',
    from: { userid: opts.userId ?? 'zhangsan' },
    response_url: opts.responseUrl ?? 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC',
    msgtype: 'text',
    text: { content: group ? `@红书参谋 ${text}` : text },
  }
}

/** A button press on one of the bot's button_interaction cards. */
export function buttonCallback(
  eventKey: string,
  opts: { chat?: 'group' | 'single'; chatId?: string; userId?: string; msgId?: string; responseUrl?: string | null } = {},
) {
  const group = (opts.chat ?? 'single') === 'group'
  return {
    msgid: opts.msgId ?? uniqueId('evt'),
    create_time: Math.floor(Date.now() / 1000),
    aibotid: 'AIBOTID',
    ...(group ? { chatid: opts.chatId ?? 'CHAT_GROUP_1' } : {}),
    chattype: group ? 'group' : 'single',
    from: { userid: opts.userId ?? 'zhangsan' },
    ...(opts.responseUrl === null ? {} : { response_url: opts.responseUrl ?? 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC2' }),
    msgtype: 'event',
    event: {
      eventtype: 'template_card_event',
      template_card_event: { card_type: 'button_interaction', event_key: eventKey, task_id: 'xc_task' },
    },
  }
}

export interface OpenedReply {
  envelope: { encrypt: string; msgsignature: string; timestamp: number; nonce: string }
  signatureOk: boolean
  payload: any
}

/** Checks the passive reply's signature and decrypts it, as the WeCom server would. */
export async function openWecomReply(res: Response, creds: WecomCreds = defaults): Promise<OpenedReply> {
  const envelope = (await res.json()) as OpenedReply['envelope']
  const expected = await wecomSignature(creds.token, String(envelope.timestamp), envelope.nonce, envelope.encrypt)
  const plain = await decryptWecom(creds.key, envelope.encrypt)
  if (!plain.ok) throw new Error(`reply could not be decrypted: ${plain.error}`)
  return { envelope, signatureOk: expected === envelope.msgsignature, payload: JSON.parse(plain.message) }
}

/** A fetch stand-in that records every call and answers with the given WeCom JSON (default errcode 0). */
export function recordingFetch(answer: (url: string, body: any) => Response | Promise<Response> = () => Response.json({ errcode: 0, errmsg: 'ok' })) {
  const calls: { url: string; body: any }[] = []
  const fn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ url, body })
    return answer(url, body)
  }) as typeof fetch
  return { fetch: fn, calls }
}
