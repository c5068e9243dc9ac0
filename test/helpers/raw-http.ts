// A bare HTTP/1.1 client over one TCP connection, to see exactly what happens to the requests that follow
// another on the same keep-alive connection (fetch and http.Agent hide that).
import { connect, type Socket } from 'node:net'

export interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export class RawConnection {
  private buffer = Buffer.alloc(0)
  private closed = false
  private waiters: (() => void)[] = []
  private readonly socket: Socket

  private constructor(socket: Socket) {
    this.socket = socket
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d])
      this.wake()
    })
    const end = () => {
      this.closed = true
      this.wake()
    }
    socket.on('close', end)
    socket.on('error', end)
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => resolve(new RawConnection(s)))
      s.once('error', reject)
    })
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w()
  }

  write(data: string | Buffer): void {
    if (!this.closed) this.socket.write(data)
  }

  /** Writes a request: a head with the given headers and the body (Content-Length unless headers say otherwise). */
  request(method: string, path: string, headers: Record<string, string>, body: string | Buffer = ''): void {
    const h: Record<string, string> = { host: 'bot.test', ...headers }
    if (!Object.keys(h).some((k) => /^(content-length|transfer-encoding)$/i.test(k))) h['content-length'] = String(Buffer.byteLength(body))
    this.write(`${method} ${path} HTTP/1.1\r\n${Object.entries(h).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`)
    if (body.length) this.write(body)
  }

  /** The next response on the connection, or null when the server closed it first (or `ms` passed). */
  async response(ms = 5000): Promise<RawResponse | null> {
    const deadline = Date.now() + ms
    for (;;) {
      const parsed = this.parse()
      if (parsed) return parsed
      if (this.closed || Date.now() > deadline) return null
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.max(1, deadline - Date.now()))
        this.waiters.push(() => (clearTimeout(t), r()))
      })
    }
  }

  get isClosed(): boolean {
    return this.closed
  }

  close(): void {
    this.socket.destroy()
  }

  private parse(): RawResponse | null {
    const headEnd = this.buffer.indexOf('\r\n\r\n')
    if (headEnd < 0) return null
    const [statusLine, ...lines] = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n')
    const headers: Record<string, string> = {}
    for (const l of lines) {
      const i = l.indexOf(':')
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
    }
    const length = Number(headers['content-length'] ?? 0)
    if (this.buffer.length < headEnd + 4 + length) return null
    const body = this.buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8')
    this.buffer = this.buffer.subarray(headEnd + 4 + length)
    return { status: Number(statusLine!.split(' ')[1]), headers, body }
  }
}
