// Setup file (every test file): nothing in the suite can reach a real host. fetch and every TCP/TLS socket
// (ioredis over node:net, fetch over undici) are checked; a test that tried fails, even if the code caught the error.
import net from 'node:net'
import { afterEach } from 'vitest'
import { assertLoopback, assertLoopbackSocket, takeOffLoopbackAttempts } from '../helpers/loopback'

const PATCHED = Symbol.for('xhs.test.noNetwork')
const g = globalThis as typeof globalThis & { [PATCHED]?: boolean }

if (!g[PATCHED]) {
  g[PATCHED] = true

  const realFetch = globalThis.fetch
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    try {
      assertLoopback(input instanceof Request ? input.url : String(input), 'fetch')
    } catch (err) {
      return Promise.reject(err)
    }
    return realFetch(input, init)
  }

  const realConnect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]) {
    // net.connect passes its already-normalised [options, callback] array as the first argument.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0]
    if (typeof first === 'object' && first !== null) assertLoopbackSocket(first as { host?: string; path?: string }, 'a socket')
    else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
      assertLoopbackSocket({ port: first as number, host: typeof args[1] === 'string' ? args[1] : undefined }, 'a socket')
    }
    return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args)
  } as typeof net.Socket.prototype.connect
}

afterEach(() => {
  const refused = takeOffLoopbackAttempts()
  if (refused.length) throw new Error(`this test tried to reach a host other than loopback: ${[...new Set(refused)].join(', ')}`)
})
