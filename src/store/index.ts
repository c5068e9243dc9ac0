import type { Store } from './store'
import { MemoryStore } from './memory'
import { RedisStore, createRedisClient } from './redis'
import type { RedisClientOptions } from './redis-client'
import { FailoverStore } from './failover'
import type { FailoverOptions } from './failover'

export type { Store, ZBounds } from './store'
export { MemoryStore } from './memory'
export { RedisStore, createRedisClient } from './redis'
export { FailoverStore, createOutageState, DEFAULT_TIMEOUT_MS } from './failover'
export type { FailoverOptions, OutageState } from './failover'

export const IN_MEMORY_NOTICE =
  'REDIS_URL is not set: using the in-memory store (not shared between instances, lost on restart).'

export interface CreateStoreOptions {
  /** Workers: a fresh Redis client for this request only; close the store in waitUntil. */
  perRequest?: boolean
  /** Memory used while Redis is down; pass a long-lived one on Workers so claims survive across requests. */
  fallback?: Store
  failover?: FailoverOptions
  /** How the Redis client reaches the server instead of node:net/node:tls (the Worker: workerd's own sockets). */
  Connector?: RedisClientOptions['Connector']
}

/** The two settings that choose the store, as the config names them; pass the whole Config. */
export interface StoreSettings {
  REDIS_URL?: string
  /** Every key the bot writes lives under it (ioredis keyPrefix); required so no path can forget it. */
  REDIS_PREFIX: string
}

export interface CreatedStore {
  store: Store
  /** Set when the store is in-memory; the Node entry prints it once at start-up. */
  notice: string | null
}

/** Redis (with memory failover) when REDIS_URL is set, otherwise memory. Throws naming REDIS_URL when it is malformed. */
export function createStore(settings: StoreSettings, opts: CreateStoreOptions = {}): CreatedStore {
  if (!settings.REDIS_URL) return { store: opts.fallback ?? new MemoryStore(), notice: IN_MEMORY_NOTICE }
  const client = createRedisClient(settings.REDIS_URL, { perRequest: opts.perRequest, log: opts.failover?.log, keyPrefix: settings.REDIS_PREFIX, Connector: opts.Connector })
  const store = new FailoverStore(new RedisStore(client), opts.fallback ?? new MemoryStore(), opts.failover)
  return { store, notice: null }
}
