// Vitest global setup: every Redis key a test writes lives under this run's root prefix (test:<run>:…), and the run
// fails if any is left at the end, or if keys appeared elsewhere in the database while it ran.
import Redis from 'ioredis'
import type { TestProject } from 'vitest/node'
import { describeRedisUrl } from '../../src/store/redis-client'
import { REDIS_URL } from '../helpers/redis-url'

/** Above this many keys the database is not a test database: skip the "appeared elsewhere" check. */
const SNAPSHOT_LIMIT = 50_000
const SHOW = 20

async function scanAll(client: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  return keys
}

export default async function guardRedisKeys(project: TestProject): Promise<() => Promise<void>> {
  const root = `test:${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 6)}:`
  project.provide('redisTestRoot', root)
  const client = new Redis(REDIS_URL, { disableClientInfo: true, maxRetriesPerRequest: 1, lazyConnect: true })
  client.on('error', () => {})
  const before = (await client.dbsize()) <= SNAPSHOT_LIMIT ? new Set(await scanAll(client, '*')) : null

  return async () => {
    try {
      const problems: string[] = []
      const left = await scanAll(client, `${root}*`)
      if (left.length) {
        problems.push(`${left.length} key(s) left under this run's prefix ${root} (now deleted): ${left.slice(0, SHOW).join(', ')}`)
        await client.del(...left)
      }
      if (before) {
        const appeared = (await scanAll(client, '*')).filter((k) => !before.has(k) && !k.startsWith(root))
        if (appeared.length) {
          problems.push(
            `${appeared.length} key(s) appeared outside the test prefix while the suite ran (a test wrote without its ` +
              `prefix, or another client shares this database; give the tests a db of their own): ${appeared.slice(0, SHOW).join(', ')}`,
          )
        }
      }
      if (problems.length) {
        // Vitest only logs an error thrown from a global teardown; the exit code is what CI sees.
        process.exitCode = 1
        throw new Error(`the tests left Redis keys behind in ${describeRedisUrl(REDIS_URL)}${new URL(REDIS_URL).pathname}:\n  - ${problems.join('\n  - ')}`)
      }
    } finally {
      client.disconnect()
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Every Redis key of this run starts with it; see test/helpers/redis-test-store.ts. */
    redisTestRoot: string
  }
}
