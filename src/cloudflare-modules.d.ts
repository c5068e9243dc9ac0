// The workerd modules the Worker imports, only the parts it uses. Only workerd resolves them, so only src/worker.ts
// imports them (the cold-start bench gives Node stand-ins: test/helpers/cloudflare-loader.mjs).

// TCP sockets (https://developers.cloudflare.com/workers/runtime-apis/tcp-sockets/).
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

// The deployment's bindings, readable at start-up
// (https://developers.cloudflare.com/changelog/2025-03-17-importable-env/).
declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>
}
