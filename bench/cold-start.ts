// Cold start as a fresh Worker isolate pays it: the bundled Worker imported in a fresh Node process per run,
// module evaluation and the first question's CPU reported separately, beside a bare Hono app's. Median of 5.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { FakeOpenApi } from '../test/helpers/fake-open-api'
import type { BenchRow } from './matcher'

const RUNS = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const ms = (x: number) => `${x.toFixed(1)} ms`

interface ChildResult { moduleEvalMs: number; firstMs: number; warmMs: number; status: number[] }

// Async, so the fake Open API in this process keeps answering while the child runs.
async function runChild(bundle: string, env: Record<string, string>): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [resolve('bench/cold-start-child.mjs'), resolve(bundle), JSON.stringify(env)], { encoding: 'utf8', timeout: 60_000 })
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult
}

export function buildWorkerBundle(outdir: string): string {
  rmSync(outdir, { recursive: true, force: true })
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', outdir], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  })
  return join(outdir, 'worker.js')
}

export async function coldStartBench(): Promise<{ title: string; rows: BenchRow[] }> {
  const worker = buildWorkerBundle(join('dist', 'cold-start'))
  const bare = join('dist', 'cold-start-bare', 'bare.mjs')
  await build({ entryPoints: ['bench/cold-start-bare.ts'], bundle: true, minify: true, format: 'esm', platform: 'neutral', outfile: bare, logLevel: 'error' })

  const api = new FakeOpenApi()
  const env = { FEISHU_APP_ID: 'cli_bench', FEISHU_APP_SECRET: 'bench-secret', FEISHU_VERIFICATION_TOKEN: 'vt_bench', FEISHU_API_BASE: await api.start() }
  try {
    const app: ChildResult[] = []
    const base: ChildResult[] = []
    for (let i = 0; i < RUNS; i++) {
      app.push(await runChild(worker, env))
      base.push(await runChild(bare, env))
    }
    const replied = api.sent('reply').length
    const pick = (rs: ChildResult[], k: 'moduleEvalMs' | 'firstMs' | 'warmMs') => median(rs.map((r) => r[k]))
    const extra = median(app.map((r) => r.firstMs - r.warmMs))
    return {
      title: `Cold start (bundled Worker in a fresh Node ${process.version} process per run, CPU time, median of ${RUNS})`,
      rows: [
        { metric: 'bot: module evaluation', value: ms(pick(app, 'moduleEvalMs')), target: '≤ 300 ms (Workers start-up limit 1 s)' },
        { metric: 'bot: first question', value: ms(pick(app, 'firstMs')) },
        { metric: 'bot: warm question', value: ms(pick(app, 'warmMs')) },
        { metric: 'bot: first minus warm', value: ms(extra), target: '≤ 10 ms (Free plan: 10 ms CPU per request)' },
        { metric: 'bare Hono: module evaluation', value: ms(pick(base, 'moduleEvalMs')) },
        { metric: 'bare Hono: first request', value: ms(pick(base, 'firstMs')) },
        { metric: 'replies sent / questions', value: `${replied} / ${RUNS * 2}` },
      ],
    }
  } finally {
    await api.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, rows } = await coldStartBench()
  console.log(title)
  for (const r of rows) console.log(`  ${r.metric.padEnd(30)} ${r.value.padStart(12)}  ${r.target ?? ''}`)
}
