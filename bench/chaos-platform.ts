// The chaos suite's stand-in for open.feishu.cn and WeCom's response_url host, on loopback, with faults injected
// at a set rate. A faulted call is never processed (the platform did not take it), so the reply counts only once
// it gets through. Like Feishu, a reply whose uuid was already accepted is not shown again; like WeCom, a
// response_url accepts one post.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault = '5xx' | 'reset' | '429' | 'hang' | 'token'
export const FAULTS: Fault[] = ['5xx', 'reset', '429', 'hang', 'token']
/** A single fault kind, several at once (each 1/n of the rate), or none. */
export type FaultMode = Fault | 'mixed' | 'none'

/** What a user would see: one entry per reply the platform accepted. */
export interface Shown {
  at: number
  /** The Feishu message replied to, or the WeCom response_code. */
  target: string
  content: string
}

/** Seeded, so a run can be repeated. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class ChaosPlatform {
  mode: FaultMode = 'none'
  rate = 0.3
  /** Seconds a 429 asks to wait (x-ogw-ratelimit-reset / Retry-After). */
  resetSeconds = 30
  readonly shown = new Map<string, Shown>()
  readonly calls = { feishu: 0, wecom: 0, token: 0, faulted: 0 }
  private readonly random: () => number
  private readonly hung = new Set<ServerResponse>()
  private server: Server | undefined
  private tokens = 0
  url = ''

  constructor(
    private readonly port = 0,
    seed = 20241130,
    readonly botOpenId = 'ou_chaos_bot',
  ) {
    this.random = mulberry32(seed)
  }

  /** The fault for this call, if any; `allowed` are the kinds that make sense for it. */
  private pick(allowed: readonly Fault[]): Fault | null {
    const kinds = this.mode === 'mixed' ? allowed : allowed.filter((k) => k === this.mode)
    if (kinds.length === 0 || this.random() >= this.rate) return null
    this.calls.faulted++
    return kinds[Math.floor(this.random() * kinds.length)]!
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    this.server.keepAliveTimeout = 30_000
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async stop(): Promise<void> {
    for (const res of this.hung) res.destroy()
    this.server?.closeAllConnections()
    await new Promise<void>((r) => this.server?.close(() => r()))
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  /** Applies a fault; true when the call was answered (or dropped) by it. */
  private faulted(fault: Fault | null, req: IncomingMessage, res: ServerResponse, platform: 'feishu' | 'wecom'): boolean {
    switch (fault) {
      case null:
        return false
      case '5xx':
        this.send(res, 500, platform === 'feishu' ? { code: 500, msg: 'internal error' } : { errcode: -1, errmsg: 'system error' })
        return true
      case 'reset':
        req.socket.destroy()
        return true
      case '429':
        this.send(res, 429, platform === 'feishu' ? { code: 99991400, msg: 'request trigger frequency limit' } : { errcode: 45009, errmsg: 'api freq out of limit' }, {
          'x-ogw-ratelimit-reset': String(this.resetSeconds),
          'retry-after': String(this.resetSeconds),
        })
        return true
      case 'hang':
        this.hung.add(res)
        res.on('close', () => this.hung.delete(res))
        return true
      case 'token':
        this.send(res, 400, { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' })
        return true
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = new URL(req.url ?? '/', 'http://x')
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>) : {}

    if (url.pathname.endsWith('/tenant_access_token/internal')) {
      this.calls.token++
      // With token faults on, the token request itself fails too: the refresh after an expired token can fail.
      if ((this.mode === 'token' || this.mode === 'mixed') && this.random() < this.rate) {
        this.calls.faulted++
        return this.send(res, 500, { code: 500, msg: 'token service unavailable' })
      }
      this.tokens++
      return this.send(res, 200, { code: 0, msg: 'ok', tenant_access_token: `t-chaos-${this.tokens}`, expire: 7200 })
    }
    if (url.pathname === '/open-apis/bot/v3/info') return this.send(res, 200, { code: 0, msg: 'ok', bot: { open_id: this.botOpenId } })
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(url.pathname)
    if (reply || url.pathname === '/open-apis/im/v1/messages') {
      this.calls.feishu++
      if (this.faulted(this.pick(FAULTS), req, res, 'feishu')) return
      const uuid = String(body.uuid ?? '')
      if (!this.shown.has(`feishu:${uuid}`)) this.shown.set(`feishu:${uuid}`, { at: Date.now(), target: reply?.[1] ?? String(body.receive_id), content: String(body.content) })
      return this.send(res, 200, { code: 0, msg: 'success', data: { message_id: `om_chaos_${uuid}` } })
    }
    if (url.pathname === '/cgi-bin/aibot/response') {
      this.calls.wecom++
      if (this.faulted(this.pick(['5xx', 'reset', '429', 'hang']), req, res, 'wecom')) return
      const code = url.searchParams.get('response_code') ?? ''
      const key = `wecom:${code}`
      if (this.shown.has(key)) return this.send(res, 200, { errcode: 40001, errmsg: 'response_url already used' })
      this.shown.set(key, { at: Date.now(), target: code, content: String(body.markdown?.content ?? JSON.stringify(body)) })
      return this.send(res, 200, { errcode: 0, errmsg: 'ok' })
    }
    this.send(res, 404, { code: 404, msg: 'not found' })
  }
}
