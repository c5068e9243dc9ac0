import type { Context } from 'hono'
import type { Store } from '../store/store'

/** What the console's routes find on the context: the request's store (set by the app) and how the caller signed in. */
export type ConsoleEnv = {
  Variables: {
    store: Store
    waitUntil: (p: Promise<unknown>) => void
    auth: 'cookie' | 'bearer'
  }
}

export type ConsoleContext = Context<ConsoleEnv>

/** The Node server hands its IncomingMessage over as c.env.incoming; Workers hand bindings instead. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } }
}

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/

/**
 * Who is knocking, for the sign-in limit. Node: the socket's address, or, when that is a local reverse proxy,
 * the address the proxy appended last to X-Forwarded-For. Workers: CF-Connecting-IP, which Cloudflare sets
 * itself. Headers are not trusted on Node from a non-local peer, where anyone could write them.
 */
export function clientAddress(c: ConsoleContext): string {
  const socket = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress
  if (socket) {
    if (!LOOPBACK.test(socket)) return socket
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean)
    return forwarded?.at(-1) ?? socket
  }
  return c.req.header('cf-connecting-ip') ?? 'unknown'
}
