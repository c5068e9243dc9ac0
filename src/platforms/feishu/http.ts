// One Open API call over fetch: JSON in, JSON out, a timeout on every call (token requests included) and an
// optional caller's abort signal. Web APIs only.

/** A non-2xx answer: its status, parsed body (or text) and headers. */
export class OpenApiHttpError extends Error {
  readonly response: { status: number; data: unknown; headers: Record<string, string> }
  constructor(status: number, data: unknown, headers: Record<string, string>) {
    super(`HTTP ${status}`)
    this.name = 'OpenApiHttpError'
    this.response = { status, data, headers }
  }
}

/** What the client reads of a fetch answer (the start-up warm-up answers with a plain object of this shape). */
export interface OpenApiResponse {
  ok: boolean
  status: number
  headers: Iterable<[string, string]>
  text(): Promise<string>
}
export type OpenApiFetch = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<OpenApiResponse>

export interface OpenApiRequest {
  method: 'GET' | 'POST'
  /** absolute URL */
  url: string
  headers?: Record<string, string>
  data?: object
  signal?: AbortSignal
}

/**
 * Sends one request and returns the parsed JSON body of a 2xx answer; throws OpenApiHttpError for any other status
 * and the fetch's own error (TimeoutError, network) when there is no answer. `timeoutMs: Infinity` sets no timer
 * (workerd allows none at start-up, where the warm-up calls this offline).
 */
export async function openApiRequest(fetchFn: OpenApiFetch, timeoutMs: number, req: OpenApiRequest): Promise<unknown> {
  const timeout = Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined
  const signal = req.signal && timeout ? AbortSignal.any([req.signal, timeout]) : (req.signal ?? timeout)
  const res = await fetchFn(req.url, {
    method: req.method,
    headers: { 'content-type': 'application/json; charset=utf-8', ...req.headers },
    body: req.data === undefined ? undefined : JSON.stringify(req.data),
    signal,
  })
  const text = await res.text()
  let data: unknown = text
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    // not JSON (a proxy's error page): keep the text for the error message
  }
  if (!res.ok) throw new OpenApiHttpError(res.status, data, Object.fromEntries(res.headers))
  return data
}
