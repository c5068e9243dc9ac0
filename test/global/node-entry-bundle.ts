// Vitest global setup: src/node/main.ts bundled once for the run (npm packages left as imports), for the tests that
// need a running Node server. Started through tsx (`npm start`), the entry loads every module through tsx's loader
// hooks: 2.0 s of CPU per start on the 2-core VM against 0.85 s for the bundle. test/node/main.test.ts still starts
// it once exactly as `npm start` does.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { TestProject } from 'vitest/node'

export default async function bundleNodeEntry(project: TestProject): Promise<() => void> {
  const root = project.config.root
  // Inside the repository (dist/ is ignored), so the bundle's package imports resolve to its node_modules.
  const dir = join(root, 'dist', 'test')
  const outfile = join(dir, `node-entry-${process.pid}-${Math.random().toString(36).slice(2, 8)}.mjs`)
  mkdirSync(dir, { recursive: true })
  await build({
    entryPoints: [join(root, 'src/node/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  project.provide('nodeEntryBundle', outfile)
  return () => rmSync(outfile, { force: true })
}

declare module 'vitest' {
  export interface ProvidedContext {
    nodeEntryBundle: string
  }
}
