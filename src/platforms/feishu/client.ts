import * as lark from '@larksuiteoapi/node-sdk'
import { SendError } from '../../bot/send-error'

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
  sleep?: (ms: number) => Promise<void>
  /** Longest wait honoured from x-ogw-ratelimit-reset before giving up (the work runs in waitUntil). */
  maxBackoffMs?: number
  /** The SDK's HTTP layer; its default axios instance unless given (the Worker's start-up warm-up answers offline). */
  httpInstance?: lark.HttpInstance
}

const TOKEN_INVALID = 99991663
const RATE_LIMIT_CODES = new Set([99991400, 230020, 11232, 11233])
// 230002 bot not in the chat, 232009 chat dissolved, 232011 bot removed: the chat is gone for good, so stop pushing to it.
const BOT_GONE_CODES = new Set([230002, 232009, 232011])

/** The SDK's token cache, ours so that an expired-token answer can drop it and fetch a fresh token. */
class TokenCache {
  private values = new Map<string, { value: unknown; expiredTime?: number }>()
  async get(key: string | Symbol, options?: { namespace?: string }) {
    const hit = this.values.get(`${options?.namespace ?? ''}/${String(key)}`)
    if (hit && (!hit.expiredTime || hit.expiredTime > Date.now())) return hit.value
    return undefined
  }
  async set(key: string | Symbol, value: unknown, expiredTime?: number, options?: { namespace?: string }) {
    this.values.set(`${options?.namespace ?? ''}/${String(key)}`, { value, expiredTime })
    return true
  }
  clear() {
    this.values.clear()
  }
}

interface ApiOutcome { code: number; msg: string; status: number; resetSeconds?: number; body?: unknown }

/** Reads the SDK's result or thrown axios error into one shape; never throws. */
async function outcome(call: () => Promise<unknown>): Promise<ApiOutcome> {
  try {
    const body = (await call()) as { code?: number; msg?: string } | undefined
    return { code: body?.code ?? 0, msg: body?.msg ?? '', status: 200, body }
  } catch (err) {
    const e = err as { response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> }; message?: string }
    const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset'])
    return {
      code: e.response?.data?.code ?? e.response?.status ?? -1,
      msg: e.response?.data?.msg ?? e.message ?? 'request failed',
      status: e.response?.status ?? 0,
      resetSeconds: Number.isFinite(reset) ? reset : undefined,
    }
  }
}

const quietLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} }

export function createFeishuClient(opts: FeishuClientOptions): FeishuApi {
  const cache = new TokenCache()
  const sdk = new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.apiBase,
    cache,
    httpInstance: opts.httpInstance,
    // The SDK logs whole request configs on failure; we log our own one-line summary instead, free of secrets.
    logger: quietLogger,
  })
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)))
  const log = opts.log ?? ((m: string) => console.warn(m))
  const maxBackoffMs = opts.maxBackoffMs ?? 10_000
  let botId: string | null = null

  /** One refresh-and-retry on an expired token; up to two waits on rate limits; everything else thrown as SendError. */
  async function call(what: string, send: () => Promise<unknown>): Promise<ApiOutcome> {
    let refreshed = false
    for (let attempt = 0; ; attempt++) {
      const res = await outcome(send)
      if (res.code === 0) return res
      if (res.code === TOKEN_INVALID && !refreshed) {
        refreshed = true
        cache.clear()
        continue
      }
      const limited = res.status === 429 || RATE_LIMIT_CODES.has(res.code)
      if (limited) {
        const waitMs = Math.max(200, (res.resetSeconds ?? 1) * 1000)
        if (attempt < 2 && waitMs <= maxBackoffMs) {
          log(`feishu ${what}: rate limited (code ${res.code}), retrying in ${waitMs} ms`)
          await sleep(waitMs)
          continue
        }
        throw new SendError(`feishu ${what}: rate limited (code ${res.code})`, res.code, 'rate-limited', waitMs)
      }
      const kind = BOT_GONE_CODES.has(res.code) ? 'gone' : 'failed'
      throw new SendError(`feishu ${what}: code ${res.code} ${res.msg}`, res.code, kind)
    }
  }

  return {
    async replyCard(messageId, card, uuid) {
      await call('reply', () =>
        sdk.im.message.reply({
          path: { message_id: messageId },
          data: { msg_type: 'interactive', content: JSON.stringify(card), uuid: uuid.slice(0, 50) },
        }),
      )
    },
    async sendCard(chatId, card, uuid) {
      await call('send', () =>
        sdk.im.message.create({
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card), uuid: uuid.slice(0, 50) },
        }),
      )
    },
    async botOpenId() {
      if (botId) return botId
      try {
        const res = await call('bot info', () => sdk.request({ method: 'GET', url: '/open-apis/bot/v3/info' }))
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
