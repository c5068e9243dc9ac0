import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { ProcessesFirst } from './test/global/sequencer'

export default defineConfig({
  test: {
    // Transformed modules kept on disk between runs (keyed by file content, config and Vitest version): a repeated
    // run skips most of the main process's transform work.
    experimental: { fsModuleCache: true },
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Test files share a worker's module cache (knowledge, matcher, SDKs load once per worker, not once per file);
    // nothing in the suite depends on fresh module state. Three workers even on 2 cores: the slowest files wait on
    // child processes (Chromium, workerd, the Node entry) or on timeouts, and a third lane keeps both cores busy
    // meanwhile (on the 2-core VM, alternating runs: 16.7–17.4 s against 17.7–18.7 s with two).
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(3, availableParallelism() - 1),
    // Starts redis-server when nothing answers on REDIS_URL; gives each run a key prefix and fails on leftovers; bundles
    // the Node entry once for the tests that start it.
    globalSetup: ['test/global/redis-server.ts', 'test/global/redis-key-guard.ts', 'test/global/node-entry-bundle.ts'],
    sequence: { sequencer: ProcessesFirst },
    // Refuses every connection to a host other than loopback.
    setupFiles: ['test/setup/no-network.ts'],
    env: {
      // wrangler/miniflare would otherwise fetch request.cf data and send usage metrics over the network.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
    },
  },
})
