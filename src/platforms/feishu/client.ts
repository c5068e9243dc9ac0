// The Feishu Open API calls the bot makes (tenant token, reply, send, bot info), on fetch. The Lark SDK did this
// before; the bot used only its generic request and token cache, and the SDK was 1.5 MiB of a 2.8 MiB Worker whose
// module evaluation and client construction a fresh isolate paid before its first answer.
import { SendError } from '../../bot/send-error'
import { OpenApiHttpError, openApiRequest, type OpenApiFetch } from './http'
import { TokenCache, TokenRefusedError } from './token'

/** What the bot needs from the Feishu Open API; tests and benchmarks can supply their own. */
export interface FeishuApi {
  /** Replies to a message with a card (JSON 2.0). `uuid` makes a retried send idempotent for an hour. */
  replyCard(messageId: string, card: object, uuid: string, signal?: AbortSignal): Promise<void>
  /** Posts a card to a chat unprompted (daily tips). */
  sendCard(chatId: string, card: object, uuid: string, signal?: AbortSignal): Promise<void>
  /** The bot's own open_id, to tell whether a group message @-mentions it; cached after the first success. */
  botOpenId(): Promise<string | null>
}

export interface FeishuClientOptions {
  appId: string
  appSecret: string
  apiBase: string
  log?: (message: string) => void
  /** Upper bound on one HTTP call, token requests included; Infinity for none (the offline start-up warm-up). */
  timeoutMs?: number
  fetch?: OpenApiFetch
}

const TOKEN_INVALID = 99991663
const RATE_LIMIT_CODES = new Set([99991400, 230020, 11232, 11233])
// 230002 bot not in the chat, 232009 chat dissolved, 232011 bot removed: the chat is gone for good, so stop pushing to it.
const BOT_GONE_CODES = new Set([230002, 232009, 232011])

interface ApiOutcome { code: number; msg: string; status: number; resetSeconds?: number; body?: unknown }

/** Reads a call's result or thrown error into one shape; never throws. Status 0: no HTTP answer at all. */
async function outcome(call: () => Promise<unknown>): Promise<ApiOutcome> {
  try {
    const body = (await call()) as { code?: unknown; msg?: string } | undefined
    // A 2xx without a numeric code is not Feishu's answer (a proxy's page, an empty body): the message may not be sent.
    if (typeof body?.code !== 'number') return { code: -1, msg: `no code in a 2xx answer: ${String(JSON.stringify(body)).slice(0, 80)}`, status: 0 }
    return { code: body.code, msg: body.msg ?? '', status: 200, body }
  } catch (err) {
    // Status 200: Feishu answered and refused, so the call is classed by the code like any other refusal.
    if (err instanceof TokenRefusedError) return { code: err.code, msg: err.message, status: 200 }
    if (err instanceof OpenApiHttpError) {
      const data = err.response.data as { code?: number; msg?: string } | undefined
      const reset = Number(err.response.headers['x-ogw-ratelimit-reset'])
      return {
        code: typeof data?.code === 'number' ? data.code : err.response.status,
        msg: data?.msg ?? err.message,
        status: err.response.status,
        resetSeconds: Number.isFinite(reset) ? reset : undefined,
      }
    }
    const e = err as { name?: string; message?: string }
    return { code: -1, msg: e.name === 'TimeoutError' ? 'timed out' : (e.message ?? 'request failed'), status: 0 }
  }
}

/**
 * One attempt per call, every call with a timeout; the caller retries. A failure is thrown as a SendError whose
 * kind says whether a retry can help: an expired token is dropped first, so the retry fetches a fresh one.
 */
export function createFeishuClient(opts: FeishuClientOptions): FeishuApi {
  const fetchFn: OpenApiFetch = opts.fetch ?? ((url, init) => fetch(url, init))
  const timeoutMs = opts.timeoutMs ?? 5000
  const base = opts.apiBase.replace(/\/+$/, '')
  const cache = new TokenCache(async () => {
    const body = (await openApiRequest(fetchFn, timeoutMs, {
      method: 'POST',
      url: `${base}/open-apis/auth/v3/tenant_access_token/internal`,
      data: { app_id: opts.appId, app_secret: opts.appSecret },
    })) as { code?: unknown; msg?: string; tenant_access_token?: string; expire?: unknown } | undefined
    if (typeof body?.code === 'number' && body.code !== 0) throw new TokenRefusedError(body.code, body.msg ?? '')
    // No code, or code 0 without a token: not a proper answer, so a later try may get one.
    if (!body?.tenant_access_token) throw new Error(`tenant_access_token: no token in a 2xx answer: ${String(JSON.stringify(body)).slice(0, 80)}`)
    return { token: body.tenant_access_token, expire: body.expire }
  }, (err) => err instanceof TokenRefusedError && !RATE_LIMIT_CODES.has(err.code))
  // The caller's signal ends its wait for the token (shared with other calls, so the token request itself runs on).
  const request = async (method: 'GET' | 'POST', url: string, data?: object, signal?: AbortSignal) =>
    openApiRequest(fetchFn, timeoutMs, { method, url: `${base}${url}`, data, signal, headers: { authorization: `Bearer ${await cache.get(signal)}` } })
  const log = opts.log ?? ((m: string) => console.warn(m))
  let botId: string | null = null

  async function call(what: string, method: 'GET' | 'POST', url: string, data?: object, signal?: AbortSignal): Promise<ApiOutcome> {
    const res = await outcome(() => request(method, url, data, signal))
    if (res.code === 0 && res.status === 200) return res
    const message = `feishu ${what}: ${res.status ? `HTTP ${res.status}, ` : ''}code ${res.code} ${res.msg}`.trim()
    if (res.code === TOKEN_INVALID) {
      cache.clear()
      throw new SendError(message, res.code, 'unavailable', 0)
    }
    if (res.status === 429 || RATE_LIMIT_CODES.has(res.code)) throw new SendError(message, res.code, 'rate-limited', (res.resetSeconds ?? 1) * 1000)
    if (res.status === 0 || res.status >= 500) throw new SendError(message, res.code, 'unavailable')
    throw new SendError(message, res.code, BOT_GONE_CODES.has(res.code) ? 'gone' : 'failed')
  }

  const card = (messageCard: object, uuid: string) => ({ msg_type: 'interactive', content: JSON.stringify(messageCard), uuid: uuid.slice(0, 50) })

  return {
    async replyCard(messageId, messageCard, uuid, signal) {
      await call('reply', 'POST', `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`, card(messageCard, uuid), signal)
    },
    async sendCard(chatId, messageCard, uuid, signal) {
      await call('send', 'POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', { receive_id: chatId, ...card(messageCard, uuid) }, signal)
    },
    async botOpenId() {
      if (botId) return botId
      try {
        const res = await call('bot info', 'GET', '/open-apis/bot/v3/info')
        botId = (res.body as { bot?: { open_id?: string } } | undefined)?.bot?.open_id ?? null
      } catch (err) {
        log(`feishu bot info: ${err instanceof Error ? err.message : String(err)}`)
      }
      return botId
    },
  }
}

/** The client for the configured app, or null when FEISHU_APP_ID / FEISHU_APP_SECRET are not both set. */
export function feishuApiFromConfig(
  config: { FEISHU_APP_ID?: string; FEISHU_APP_SECRET?: string; FEISHU_API_BASE: string },
  extra: Omit<FeishuClientOptions, 'appId' | 'appSecret' | 'apiBase'> = {},
): FeishuApi | null {
  if (!config.FEISHU_APP_ID || !config.FEISHU_APP_SECRET) return null
  return createFeishuClient({ appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, apiBase: config.FEISHU_API_BASE, ...extra })
}
