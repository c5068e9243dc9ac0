import type { Reply } from '../../bot/reply'
import { SendError } from '../../bot/send-error'
import { renderMarkdown, STREAM_MAX_BYTES, WEBHOOK_MARKDOWN_MAX_BYTES } from './card'

// Outgoing WeCom calls, Web APIs only; `fetch` is injected so tests (and Workers) pass their own.

type Fetch = typeof fetch

export interface WecomClientOptions {
  fetch?: Fetch
  /** WECOM_API_BASE */
  apiBase?: string
  /** Upper bound on one call. */
  timeoutMs?: number
  signal?: AbortSignal
}

const RATE_LIMIT_WAIT_MS = 60_000
// 93000: webhook URL invalid or robot removed; 93008: robot no longer in the group (protocols.md §7 error codes).
const GONE = new Set([93000, 93008])
const RATE_LIMITED = new Set([45009])
// -1: 系统繁忙, "retry up to 3 times" (global error codes).
const BUSY = new Set([-1])

/** One POST with a timeout; a failure is thrown as a SendError whose kind says whether a retry can help. */
async function postJson(url: string, body: unknown, opts: WecomClientOptions, what: string): Promise<void> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 5000)
  let res: Response
  let text: string
  try {
    res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
    })
    text = await res.text()
  } catch (err) {
    const e = err as { name?: string; message?: string }
    throw new SendError(`${what}: ${e.name === 'TimeoutError' ? 'timed out' : `network error: ${e.message ?? String(err)}`}`, 0, 'unavailable')
  }
  if (res.status === 429) {
    const retryAfter = Number(res.headers.get('retry-after'))
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : RATE_LIMIT_WAIT_MS
    throw new SendError(`${what}: HTTP 429`, 429, 'rate-limited', wait)
  }
  if (res.status >= 500) throw new SendError(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status, 'unavailable')
  if (!res.ok) throw new SendError(`${what}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status, 'failed')
  let parsed: { errcode?: unknown; errmsg?: unknown }
  try {
    parsed = JSON.parse(text) as typeof parsed
  } catch {
    throw new SendError(`${what}: response is not JSON: ${text.slice(0, 200)}`, res.status, 'failed')
  }
  const code = typeof parsed.errcode === 'number' ? parsed.errcode : 0
  if (code === 0) return
  const message = `${what}: errcode ${code} ${String(parsed.errmsg ?? '')}`.trim()
  if (GONE.has(code)) throw new SendError(message, code, 'gone')
  if (RATE_LIMITED.has(code)) throw new SendError(message, code, 'rate-limited', RATE_LIMIT_WAIT_MS)
  if (BUSY.has(code)) throw new SendError(message, code, 'unavailable')
  throw new SendError(message, code, 'failed')
}

const WECOM_ORIGIN = 'https://qyapi.weixin.qq.com'

/**
 * Why a callback's response_url must not be posted to, or null. Only WeCom's API origin (or WECOM_API_BASE's)
 * is accepted: the URL arrives inside the callback, and a bot that posts wherever a payload tells it to can be
 * turned against other hosts.
 */
export function responseUrlProblem(url: string, apiBase?: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'response_url is not a URL'
  }
  const allowed = new Set([WECOM_ORIGIN])
  if (apiBase) {
    try {
      allowed.add(new URL(apiBase).origin)
    } catch {
      // a malformed WECOM_API_BASE is refused by config at start-up
    }
  }
  if (parsed.username || parsed.password || !allowed.has(parsed.origin)) {
    return `response_url points at ${parsed.origin}, not ${[...allowed].join(' or ')}`
  }
  return null
}

/** Answers a callback through its response_url (each URL works once, for 1 h) as markdown. Throws SendError. */
export async function postResponseUrl(url: string, reply: Reply, opts: WecomClientOptions = {}): Promise<void> {
  const problem = responseUrlProblem(url, opts.apiBase)
  if (problem) throw new SendError(`wecom response_url: ${problem}`, 0, 'failed')
  const content = renderMarkdown(reply, { maxBytes: STREAM_MAX_BYTES })
  await postJson(url, { msgtype: 'markdown', markdown: { content } }, opts, 'wecom response_url')
}

/** Pushes a reply (the daily tip) to a group through its robot webhook, as markdown ≤ 4096 bytes. Throws SendError. */
export async function sendGroupWebhook(webhookUrl: string, reply: Reply, opts: WecomClientOptions = {}): Promise<void> {
  const content = renderMarkdown(reply, { maxBytes: WEBHOOK_MARKDOWN_MAX_BYTES })
  await postJson(webhookUrl, { msgtype: 'markdown', markdown: { content } }, opts, 'wecom group webhook')
}

