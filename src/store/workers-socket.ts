// ioredis's Connector for the Worker: a TCP or TLS socket from workerd's own connect() (cloudflare:sockets), handed
// to ioredis as the small part of a net.Socket it uses. nodejs_compat's node:net and Node-style streams, which
// ioredis would otherwise go through, are JavaScript in workerd, and each request opens its own connection: they
// cost every request with REDIS_URL CPU time, and an isolate's first request compiling them (start-up may open no
// connection). `connect` is passed in because only workerd has that module (src/worker.ts imports it).

import type { RedisOptions } from 'ioredis'
import { asBuffer, SocketEvents } from './socket-events'

/** What cloudflare:sockets' connect() returns, as far as this uses it. */
export interface WorkersSocket {
  readonly readable: ReadableStream<Uint8Array>
  /** a WritableStream; only its writer is used (workerd refuses a WritableStream at start-up: the warm-up's has none) */
  readonly writable: { getWriter(): SocketWriter }
  readonly opened: Promise<unknown>
  close(): Promise<void>
}

export interface SocketWriter {
  write(chunk: Uint8Array): Promise<void>
  close(): Promise<void>
}

export type WorkersConnect = (address: { hostname: string; port: number }, options: { secureTransport: 'on' | 'off'; allowHalfOpen: boolean }) => WorkersSocket

const utf8 = new TextEncoder()

/** A net.Socket as ioredis drives it: 'connect' (or 'secureConnect'), 'data', 'error', 'end', 'close'. */
class SocketStream extends SocketEvents {
  connecting = true
  destroyed = false
  writable = true
  private readonly writer: SocketWriter
  private timer: ReturnType<typeof setTimeout> | undefined
  private closed = false

  /** `noteError`: where a failure is kept for ioredis when it comes before ioredis listens (see destroy). */
  constructor(private readonly socket: WorkersSocket, tls: boolean, private readonly noteError: (err: Error) => void) {
    super()
    this.writer = socket.writable.getWriter()
    socket.opened.then(
      () => {
        if (this.destroyed) return
        this.connecting = false
        this.setTimeout(0)
        this.emit(tls ? 'secureConnect' : 'connect')
        void this.read()
      },
      (err: unknown) => this.destroy(asError(err)),
    )
  }

  private async read(): Promise<void> {
    const reader = this.socket.readable.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        this.emit('data', asBuffer(value))
      }
      this.emit('end')
      this.destroy()
    } catch (err) {
      this.destroy(asError(err))
    }
  }

  write(data: string | Uint8Array): boolean {
    if (!this.writable) return false
    this.writer.write(typeof data === 'string' ? utf8.encode(data) : data).catch((err: unknown) => this.destroy(asError(err)))
    return true
  }

  /** Closes the sending side; the server's close then ends the reading side (QUIT's reply still arrives). */
  end(): void {
    if (!this.writable) return
    this.writable = false
    this.writer.close().catch(() => this.destroy())
  }

  destroy(err?: Error): void {
    if (this.closed) return
    this.closed = true
    // A socket that failed before ioredis took it (not connecting, destroyed) is reported from the connector's
    // firstError, as ioredis does for its own sockets; its events would have had no listener yet.
    this.connecting = false
    this.destroyed = true
    this.writable = false
    if (err) this.noteError(err)
    this.setTimeout(0)
    this.socket.close().catch(() => {})
    if (err) this.emit('error', err)
    this.emit('close', err !== undefined)
  }

  /** ioredis's connect timeout: `ms` without the socket opening, then `onTimeout`; 0 clears it. */
  setTimeout(ms: number, onTimeout?: () => void): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = ms > 0 && onTimeout ? setTimeout(onTimeout, ms) : undefined
  }

  resume(): void {}
  setNoDelay(): void {}
  setKeepAlive(): void {}
}

const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)))

/** ioredis's Connector class over `connect`, for the host, port and TLS setting ioredis read from REDIS_URL. */
export function workersSocketConnector(connect: WorkersConnect): RedisOptions['Connector'] {
  class WorkersSocketConnector {
    connecting = false
    /** read by ioredis when the stream it gets is already destroyed */
    firstError: Error | undefined
    private stream: SocketStream | undefined
    constructor(private readonly options: { host?: string; port?: number; tls?: object }) {}
    check(): boolean {
      return true
    }
    async connect(): Promise<SocketStream> {
      this.connecting = true
      const tls = this.options.tls !== undefined
      const socket = connect({ hostname: this.options.host ?? 'localhost', port: this.options.port ?? 6379 }, { secureTransport: tls ? 'on' : 'off', allowHalfOpen: false })
      this.stream = new SocketStream(socket, tls, (err) => (this.firstError ??= err))
      return this.stream
    }
    disconnect(): void {
      this.connecting = false
      this.stream?.end()
    }
  }
  return WorkersSocketConnector as unknown as RedisOptions['Connector']
}
