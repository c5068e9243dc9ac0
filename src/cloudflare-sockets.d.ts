// workerd's TCP sockets (https://developers.cloudflare.com/workers/runtime-apis/tcp-sockets/): only the part the Worker
// uses. Only workerd resolves the module, so only src/worker.ts imports it.
declare module 'cloudflare:sockets' {
  export function connect(
    address: { hostname: string; port: number },
    options?: { secureTransport?: 'off' | 'on' | 'starttls'; allowHalfOpen?: boolean },
  ): {
    readonly readable: ReadableStream<Uint8Array>
    readonly writable: WritableStream<Uint8Array>
    readonly opened: Promise<unknown>
    readonly closed: Promise<void>
    close(): Promise<void>
  }
}
