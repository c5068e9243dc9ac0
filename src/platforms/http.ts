// HTTP plumbing both webhooks share: JSON answers, the body limit, JSON parsing, the zod reason, the deadline race.
// Web APIs only, so it runs on Workers and Node alike.

/** interfaces.md: a body over 1 MiB answers 413. */
export const MAX_BODY_BYTES = 1024 * 1024
/**
 * How much of an oversize body is still read (and thrown away) so the keep-alive connection stays usable; past
 * this the answer carries `Connection: close` instead, and the server drops the connection after it.
 */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } })
}

/** interfaces.md: every error body is `{"error": string}`, one line. */
export function errorResponse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return jsonResponse({ error: error.replace(/\s*\n\s*/g, ' ') }, status, headers)
}

/** `{}`: Feishu's "received" for events, and "no change" for card callbacks. */
export function emptyJson(): Response {
  return jsonResponse({})
}

/** An empty 200: WeCom reads it as "received, no passive reply". */
export function emptyResponse(): Response {
  return new Response(null, { status: 200 })
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The first zod issue as `path: message`, the one-line reason a 400 carries. */
export function zodReason(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0]
  if (!first) return 'invalid payload'
  return `${first.path.length ? first.path.map(String).join('.') : 'body'}: ${first.message}`
}

export type BodyResult =
  | { ok: true; bytes: Uint8Array<ArrayBuffer> }
  | { ok: false; status: 400 | 413; problem: 'body-too-large' | 'body-unreadable'; error: string; headers: Record<string, string> }

const tooLarge = (close: boolean): BodyResult => ({
  ok: false,
  status: 413,
  problem: 'body-too-large',
  error: 'body is larger than 1 MiB',
  headers: close ? { connection: 'close' } : {},
})

/**
 * Reads the body, at most `maxBytes` of it. A declared oversize body is refused before it is touched, so the
 * server can discard it and keep the connection; one that turns out oversize while streaming is read on to its
 * end (up to DRAIN_LIMIT_BYTES) for the same reason. A body the client stopped sending is 'body-unreadable'.
 */
export async function readBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  // Content-Length first, and without touching req.body: on @hono/node-server, opening the body stream and then
  // leaving it unread wedges the connection, and the next request on it is lost.
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(declared > DRAIN_LIMIT_BYTES)
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) }
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > DRAIN_LIMIT_BYTES) {
        await reader.cancel().catch(() => {})
        return tooLarge(true)
      }
      if (total <= maxBytes) chunks.push(value)
    }
  } catch {
    return { ok: false, status: 400, problem: 'body-unreadable', error: 'request body could not be read (client went away?)', headers: {} }
  }
  if (total > maxBytes) return tooLarge(false)
  const out = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return { ok: true, bytes: out }
}

export const LATE = Symbol('late')

/** `work`'s result, or LATE when it has not settled after `ms`; the timer never outlives the race. */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
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
