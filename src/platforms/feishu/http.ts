// The Lark SDK's HTTP layer, on fetch: every call (token requests included) gets a timeout and can be aborted,
// which the SDK's default axios instance offers neither of. Web APIs only.
import type { HttpInstance } from '@larksuiteoapi/node-sdk'

/** A non-2xx answer, shaped like axios's error so the SDK and our classifier read it the same way. */
export class OpenApiHttpError extends Error {
  readonly response: { status: number; data: unknown; headers: Record<string, string> }
  constructor(status: number, data: unknown, headers: Record<string, string>) {
    super(`HTTP ${status}`)
    this.name = 'OpenApiHttpError'
    this.response = { status, data, headers }
  }
}

interface RequestConfig {
  url?: string
  method?: string
  headers?: Record<string, unknown>
  params?: Record<string, unknown>
  data?: unknown
  signal?: AbortSignal
  $return_headers?: boolean
}

export function fetchHttpInstance(opts: { fetch?: typeof fetch; timeoutMs: number }): HttpInstance {
  const request = async (cfg: RequestConfig): Promise<any> => {
    const url = new URL(cfg.url ?? '')
    for (const [k, v] of Object.entries(cfg.params ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
    const timeout = AbortSignal.timeout(opts.timeoutMs)
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
    for (const [k, v] of Object.entries(cfg.headers ?? {})) if (v !== undefined) headers[k] = String(v)
    const res = await (opts.fetch ?? fetch)(url, {
      method: (cfg.method ?? 'GET').toUpperCase(),
      headers,
      body: cfg.data === undefined ? undefined : JSON.stringify(cfg.data),
      signal: cfg.signal ? AbortSignal.any([cfg.signal, timeout]) : timeout,
    })
    const text = await res.text()
    let data: unknown = text
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON (a proxy's error page): keep the text for the error message
    }
    const resHeaders = Object.fromEntries(res.headers)
    if (!res.ok) throw new OpenApiHttpError(res.status, data, resHeaders)
    return cfg.$return_headers ? { data, headers: resHeaders } : data
  }
  const withBody = (method: string) => (url: string, data?: unknown, cfg: RequestConfig = {}) => request({ ...cfg, url, data, method })
  const withoutBody = (method: string) => (url: string, cfg: RequestConfig = {}) => request({ ...cfg, url, method })
  return {
    request,
    get: withoutBody('GET'),
    delete: withoutBody('DELETE'),
    head: withoutBody('HEAD'),
    options: withoutBody('OPTIONS'),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
  } as HttpInstance
}
