import Redis from 'ioredis'
import type { RedisOptions } from 'ioredis'

export interface RedisClientOptions {
  /** Workers: a socket belongs to the request that opened it, so the client lives for one request. */
  perRequest?: boolean
  /** Where connection trouble is reported; once per outage. */
  log?: (message: string) => void
  /** Prepended to every key (REDIS_PREFIX); ioredis applies it to every command's keys. */
  keyPrefix?: string
  /**
   * Another way to reach the server than node:net/node:tls (ioredis's Connector option): the Worker's workerd socket,
   * the warm-up's in-memory one.
   */
  Connector?: RedisOptions['Connector']
}

/** `redis://host:port` without credentials, safe to print. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return '(unparseable URL)'
  }
}

/** Throws a message naming REDIS_URL (never echoing it: it may hold a password) when it is not a Redis URL. */
export function assertRedisUrl(url: string): void {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    throw new Error('REDIS_URL is not a URL; expected redis://[user:password@]host[:port][/db] or rediss://…')
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must start with redis:// or rediss:// (got ${protocol}//)`)
  }
}

/**
 * An ioredis client that works on Node (long-lived) and on Workers (perRequest).
 * rediss:// turns TLS on; on Workers the server certificate must chain to a public CA.
 */
export function createRedisClient(url: string, opts: RedisClientOptions = {}): Redis {
  assertRedisUrl(url)
  const log = opts.log ?? ((m: string) => console.warn(m))
  const options: RedisOptions = {
    // Redis 7.0 answers CLIENT SETINFO with an error that test pools report as unhandled.
    disableClientInfo: true,
    // A command waits for at most one reconnect before failing, so callers can fall back instead of queueing.
    maxRetriesPerRequest: 1,
    connectTimeout: 2500,
    // Kept on: with lazyConnect the first command has to wait for the handshake it triggers.
    enableOfflineQueue: true,
    lazyConnect: true,
    ...(opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {}),
    ...(opts.Connector ? { Connector: opts.Connector } : {}),
    // One request has no time to wait for a reconnect: fail fast and let the caller fall back. Nor for the ready
    // check's INFO round trip and parse on every connection (~0.6 ms of CPU each on Node): a server still loading
    // answers LOADING, which the failover store treats as an outage anyway.
    ...(opts.perRequest ? { retryStrategy: () => null, enableReadyCheck: false } : {}),
  }
  const client = new Redis(url, options)
  let outage = false
  client.on('error', (err: Error) => {
    if (outage) return
    outage = true
    log(`[store] Redis at ${describeRedisUrl(url)} unreachable: ${err.message}`)
  })
  client.on('ready', () => {
    outage = false
  })
  return client
}
