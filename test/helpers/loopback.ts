// Tests may talk to this machine only (fake Open API servers, local Redis), and to the Redis host in REDIS_URL.
// A call to any other host is refused and recorded, and test/setup/no-network.ts fails the test that made it even
// if the code under test caught the error.
import { REDIS_URL } from './redis-url'

const attempts: string[] = ((globalThis as Record<symbol, unknown>)[Symbol.for('xhs.test.offLoopback')] ??= []) as string[]

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase()
const REDIS_HOST = bare(new URL(REDIS_URL).hostname)

export function isLoopbackHost(host: string): boolean {
  const h = bare(host)
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h)
}

/** Loopback, or the Redis the suite was pointed at (which may be a service host in CI). */
function allowed(host: string): boolean {
  return isLoopbackHost(host) || bare(host) === REDIS_HOST
}

export class OffLoopbackError extends Error {
  constructor(readonly target: string, who: string) {
    super(`${who} tried to reach ${target}: tests may only talk to loopback (use a fake server on 127.0.0.1 or inject fetch)`)
    this.name = 'OffLoopbackError'
  }
}

/** Throws (and records the attempt) unless `url` points at this machine. */
export function assertLoopback(url: string, who = 'a test'): void {
  const host = new URL(url).hostname
  if (allowed(host)) return
  attempts.push(host)
  throw new OffLoopbackError(url, who)
}

/** Throws (and records the attempt) unless the socket goes to this machine (or is a local pipe). */
export function assertLoopbackSocket(target: { host?: string; port?: number | string; path?: string }, who = 'a test'): void {
  if (target.path) return
  const host = target.host ?? 'localhost'
  if (allowed(host)) return
  attempts.push(host)
  throw new OffLoopbackError(`${host}:${target.port ?? '?'}`, who)
}

/** The hosts refused since the last call, emptied. */
export function takeOffLoopbackAttempts(): string[] {
  return attempts.splice(0)
}
