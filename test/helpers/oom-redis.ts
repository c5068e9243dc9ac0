// An own redis-server for one test file that a test can push to OOM (maxmemory 1 byte: every write answers -OOM,
// reads and PING still work), as at a full Redis. It starts before the file's tests, is back to no limit before each
// test, and stops (with the stores the tests opened on it) after the last one.
import type { ChildProcess } from 'node:child_process'
import Redis from 'ioredis'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import type { Store } from '../../src/store/store'
import { freePort, hasRedisServer, startRedisServer, stopRedisServer } from './redis-server-process'

export { hasRedisServer }

export function oomRedisServer() {
  let redis: ChildProcess | undefined
  let direct: Redis | undefined
  let port = 0
  const stores: Store[] = []

  beforeAll(async () => {
    if (!hasRedisServer) return
    port = await freePort()
    redis = await startRedisServer(port, ['--maxmemory-policy', 'noeviction'])
    direct = new Redis(`redis://127.0.0.1:${port}`, { disableClientInfo: true, maxRetriesPerRequest: 1 })
  })
  // The server goes first: a test may have left it paused (CLIENT PAUSE), and a store's QUIT would wait that out.
  afterAll(async () => {
    if (redis) await stopRedisServer(redis)
    direct?.disconnect()
    for (const s of stores) await s.close()
  })
  beforeEach(async () => {
    if (direct) await direct.config('SET', 'maxmemory', '0')
  })

  return {
    /** `redis://[credentials@]127.0.0.1:<port>` */
    url: (credentials = '') => `redis://${credentials ? `${credentials}@` : ''}127.0.0.1:${port}`,
    /** A plain client on the server, for looking behind the stores' backs. */
    get direct(): Redis {
      return direct!
    },
    oom: (on: boolean) => direct!.config('SET', 'maxmemory', on ? '1' : '0'),
    /** Closes `store` after the file. */
    track<S extends Store>(store: S): S {
      stores.push(store)
      return store
    },
  }
}

/** Waits until a failover store is back on Redis (a probe's write succeeded). */
export async function untilUp(store: Store): Promise<void> {
  for (let i = 0; i < 100 && (await store.health()) !== 'up'; i++) await new Promise((r) => setTimeout(r, 20))
  expect(await store.health()).toBe('up')
}
