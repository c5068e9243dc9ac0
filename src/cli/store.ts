// The CLI's store: Redis from REDIS_URL under REDIS_PREFIX, exactly as the Node entry opens it.
import { loadConfig, type Config } from '../config'
import { createStore } from '../store'
import type { Store } from '../store/store'

export interface CliStore {
  store: Store
  config: Config
  /** Set when there is no REDIS_URL: the CLI then sees an empty in-memory store, not the bot's. */
  notice: string | null
  close(): Promise<void>
}

export function openCliStore(env: Record<string, string | undefined> = process.env): CliStore {
  const config = loadConfig(env)
  return { ...openFor(config), config }
}

function openFor(config: Config): Omit<CliStore, 'config'> {
  const { store, notice } = createStore(config, { failover: { log: (m) => process.stderr.write(`${m}\n`) } })
  return { store, notice, close: () => store.close() }
}

export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
}

export const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
}

/** Runs `body` with the injected store, or with one opened from the environment (and closed afterwards). */
export async function withCliStore<T>(deps: { store?: Store; env?: Record<string, string | undefined>; err: (l: string) => void }, body: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(deps.env ?? process.env)
  if (deps.store) return body(deps.store, config)
  const opened = openFor(config)
  if (opened.notice) deps.err(opened.notice)
  try {
    return await body(opened.store, config)
  } finally {
    await opened.close()
  }
}
