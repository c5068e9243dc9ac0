import { createRequire } from 'node:module'

// require, not import: Node's ESM loader would first scan wrangler's 10 MB CommonJS bundle for its export names
// (about 0.6 s of a worker's CPU on the 2-core VM).
const { unstable_startWorker } = createRequire(import.meta.url)('wrangler') as typeof import('wrangler')
import { ENCRYPT_KEY, TOKEN } from './feishu'
import { REDIS_URL } from './redis-test-store'

export type TestWorker = Awaited<ReturnType<typeof unstable_startWorker>>

// Nothing listens here: a platform call the test did not point at its fake fails at once instead of leaving the box.
const NOWHERE = 'http://127.0.0.1:9'

/**
 * The bundled Worker in workerd, as `wrangler dev` runs it, on the test's Redis under `prefix`. workerd makes its own
 * connections, out of reach of test/setup/no-network.ts (and wrangler 4.86's unstable_startWorker ignores
 * dev.outboundService), so both platform API bases default to a loopback address; pass the fake's URL to use it.
 */
export async function startTestWorker(prefix: string, vars: Record<string, string> = {}): Promise<TestWorker> {
  const all = { FEISHU_API_BASE: NOWHERE, WECOM_API_BASE: NOWHERE, REDIS_URL, REDIS_PREFIX: prefix, ...vars }
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    build: { nodejsCompatMode: 'v2' },
    envFiles: [],
    bindings: Object.fromEntries(Object.entries(all).map(([k, value]) => [k, { type: 'plain_text' as const, value }])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false },
  })
  await worker.ready
  return worker
}

/** The Feishu app the signed test events belong to (helpers/feishu.ts), talking to the fake Open API at `apiBase`. */
export function feishuVars(apiBase: string): Record<string, string> {
  return { FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret_test', FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_API_BASE: apiBase }
}
