// Worker bundle size: what `wrangler deploy` would upload, minified, raw and gzip.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BenchRow } from './matcher'

export async function bundleBench(): Promise<{ title: string; rows: BenchRow[] }> {
  const outdir = join('dist', 'bench-bundle')
  rmSync(outdir, { recursive: true, force: true })
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', outdir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  })
  let raw = 0
  let gzip = 0
  for (const f of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
    const bytes = readFileSync(join(outdir, f))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  return {
    title: 'Worker bundle (wrangler deploy --dry-run, minify = true)',
    rows: [
      { metric: 'raw', value: `${(raw / 1024).toFixed(1)} KiB` },
      { metric: 'gzip', value: `${(gzip / 1024).toFixed(1)} KiB`, target: '< 450 KiB' },
    ],
  }
}
