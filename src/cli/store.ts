// The operator subcommands' store: Redis from REDIS_URL under REDIS_PREFIX, exactly as the Node entry opens it,
// and their output as lines.
import { loadConfig, type Config } from '../config'
import { createStore } from '../store'
import type { Store } from '../store/store'
import type { CliIo } from './io'

/** Where a subcommand writes: results to `out`, logs and errors to `err`, a line at a time. */
export interface LineIo {
  out: (line: string) => void
  err: (line: string) => void
}

export function linesOf(io: CliIo): LineIo {
  return { out: (l) => void io.stdout.write(`${l}\n`), err: (l) => void io.stderr.write(`${l}\n`) }
}

/** Runs `body` with the injected store, or with one opened from the environment (and closed afterwards). */
export async function withCliStore<T>(deps: { store?: Store; env?: Record<string, string | undefined>; err: (l: string) => void }, body: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(deps.env ?? {})
  if (deps.store) return body(deps.store, config)
  const { store, notice } = createStore(config, { failover: { log: deps.err } })
  if (notice) deps.err(notice)
  try {
    return await body(store, config)
  } finally {
    await store.close()
  }
}
