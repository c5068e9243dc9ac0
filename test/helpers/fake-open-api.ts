import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  path: string
  auth: string | undefined
  body: any
}

/**
 * A scripted answer; `fault` instead breaks the connection ('reset') or never answers ('hang'); `raw` is sent as
 * text/html instead of `body` as JSON (a proxy's page).
 */
type Scripted = { status: number; body: unknown; headers?: Record<string, string>; fault?: 'reset' | 'hang'; raw?: string }

/**
 * A stand-in for open.feishu.cn that records every call. Replies can be scripted per path prefix
 * (first matching script is used once), e.g. an expired token or a 429.
 */
export class FakeOpenApi {
  readonly calls: RecordedCall[] = []
  private scripts: { prefix: string; reply: Scripted }[] = []
  private server: Server | undefined
  private tokens = 0
  url = ''
  constructor(readonly botOpenId = 'ou_bot_self') {}

  script(prefix: string, reply: Scripted): void {
    this.scripts.push({ prefix, reply })
  }

  clearScripts(): void {
    this.scripts = []
  }

  /** A fault in place of the next answer on `prefix`. */
  fault(prefix: string, fault: 'reset' | 'hang'): void {
    this.scripts.push({ prefix, reply: { status: 0, body: null, fault } })
  }

  sent(kind: 'reply' | 'create' = 'reply'): RecordedCall[] {
    return this.calls.filter((c) => (kind === 'reply' ? /\/reply$/.test(c.path) : c.path === '/open-apis/im/v1/messages') && c.method === 'POST')
  }

  /** The card JSON of each successful-or-not send, parsed. */
  cards(kind: 'reply' | 'create' = 'reply'): any[] {
    return this.sent(kind).map((c) => JSON.parse(c.body.content))
  }

  tokenRequests(): number {
    return this.calls.filter((c) => c.path.endsWith('/tenant_access_token/internal')).length
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req).then(({ status, body, headers, fault, raw }) => {
      if (fault === 'reset') return void req.socket.destroy()
      if (fault === 'hang') return
      if (raw !== undefined) return void res.writeHead(status, { 'content-type': 'text/html', ...headers }).end(raw)
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }))
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r))
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`
    return this.url
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((r) => this.server?.close(() => r()))
  }

  private async handle(req: IncomingMessage): Promise<Scripted> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const path = (req.url ?? '').split('?')[0]!
    this.calls.push({ method: req.method ?? '', path, auth: req.headers.authorization, body: text ? JSON.parse(text) : undefined })
    const i = this.scripts.findIndex((s) => path.startsWith(s.prefix) || new RegExp(s.prefix).test(path))
    if (i >= 0) return this.scripts.splice(i, 1)[0]!.reply
    if (path.endsWith('/tenant_access_token/internal')) {
      this.tokens++
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: `t-fake-${this.tokens}`, expire: 7200 } }
    }
    if (path === '/open-apis/bot/v3/info') return { status: 200, body: { code: 0, msg: 'ok', bot: { open_id: this.botOpenId, app_name: '红书参谋' } } }
    if (path.startsWith('/open-apis/im/v1/messages')) return { status: 200, body: { code: 0, msg: 'success', data: { message_id: `om_sent_${this.calls.length}` } } }
    return { status: 404, body: { code: 404, msg: 'not found' } }
  }
}
