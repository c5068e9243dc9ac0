// Cold start as a fresh Worker isolate pays it: the bundled Worker imported in a fresh Node process per run,
// module evaluation and the first question's CPU reported separately, beside a bare Hono app's. Median of 5.
// Node stands in for workerd (see cold-start-child.mjs for how the child holds the bundle to workerd's rules);
// `wrangler check startup` adds workerd's own start-up figure, and cold-start-workerd.ts its first and warm question.
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { cpus, loadavg } from 'node:os'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { FakeOpenApi } from '../test/helpers/fake-open-api'
import { benchRedisUrl, withTaughtInRedis } from './cold-start-taught'
import type { BenchRow } from './matcher'

const RUNS = 5
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const ms = (x: number) => `${x.toFixed(1)} ms`
const WRANGLER_ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

interface WorkerdResult { firstMs: number; warmMs: number; replies: number }
/** CPU in ms on the thread that runs the Worker's JavaScript (null off Linux), and in the whole process. */
interface Cpu { thread: number | null; process: number }
interface ChildResult { moduleEval: Cpu; nodeFetchMs: number; first: Cpu; warm: Cpu; status: number[]; logs: string[] }

// Async, so the fake Open API in this process keeps answering while the child runs.
async function runChild(bundle: string, env: Record<string, string>): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [resolve('bench/cold-start-child.mjs'), resolve(bundle), JSON.stringify(env)], { encoding: 'utf8', timeout: 60_000 })
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult
}

/** The Worker as `wrangler deploy` would upload it: worker.js, and worker.bundle (the upload form) for check startup. */
export function buildWorkerBundle(outdir: string): { script: string; upload: string } {
  rmSync(outdir, { recursive: true, force: true })
  const upload = join(outdir, 'worker.bundle')
  execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', outdir, '--outfile', upload], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: WRANGLER_ENV,
  })
  return { script: join(outdir, 'worker.js'), upload }
}

/** workerd's start-up CPU from `wrangler check startup` (a CPU profile of the global scope): its busy samples. */
function workerdStartUp(upload: string, outdir: string): { ms: number; logs: string } {
  const profile = join(outdir, 'startup.cpuprofile')
  const logs = execFileSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', 'check', 'startup', '--worker', upload, '--outfile', profile], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: WRANGLER_ENV,
  })
  const p = JSON.parse(readFileSync(profile, 'utf8')) as { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] }
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  let busyUs = 0
  for (let i = 0; i < p.samples.length; i++) if (!idle.has(p.samples[i] as number)) busyUs += p.timeDeltas[i + 1] ?? 0
  return { ms: busyUs / 1000, logs }
}

/** The CPU, and how busy the machine was: CPU time grows when other jobs share the cores. */
const machine = () => `${cpus().length}× ${cpus()[0]?.model.trim() ?? 'CPU'}, load average ${loadavg()[0]?.toFixed(1)}`

/** The first and a warm question in workerd (cold-start-workerd.ts, in its own process: it needs Node's WebSocket). */
async function workerdQuestions(runs: number, vars: Record<string, string> = {}): Promise<WorkerdResult[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--experimental-websocket', '--no-warnings', '--import', 'tsx', 'bench/cold-start-workerd.ts', String(runs), JSON.stringify(vars)], {
    encoding: 'utf8',
    timeout: 300_000,
    env: WRANGLER_ENV,
  })
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as WorkerdResult)
}

const warmUpFailure = (logs: string[]) => logs.find((l) => l.includes('warm-up failed'))
const firstMinusWarm = (rs: { firstMs: number; warmMs: number }[]) => median(rs.map((r) => r.firstMs - r.warmMs))

type Measure = 'moduleEval' | 'first' | 'warm' | 'firstMinusWarm'
const of = (r: ChildResult, m: Measure, on: keyof Cpu): number | null =>
  m === 'firstMinusWarm' ? (r.first[on] === null || r.warm[on] === null ? null : (r.first[on] as number) - (r.warm[on] as number)) : r[m][on]
/**
 * The median on the Worker's thread (what the Workers limits count: an isolate's JavaScript runs on one thread) with
 * the whole process's beside it (V8's helper threads compile and mark beside it, unevenly from run to run).
 */
function cpuRow(rs: ChildResult[], m: Measure, metric: string, target?: string): BenchRow {
  const thread = rs.map((r) => of(r, m, 'thread'))
  const processMs = median(rs.map((r) => of(r, m, 'process') as number))
  if (thread.some((t) => t === null)) return { metric, value: ms(processMs), target: `whole process (no per-thread CPU here)${target ? `; ${target}` : ''}` }
  return { metric, value: ms(median(thread as number[])), target: `whole process ${ms(processMs)}${target ? `; ${target}` : ''}` }
}
const FREE_PLAN = '≤ 10 ms (Free plan: 10 ms CPU per request)'

/** The same first and warm questions with the store in Redis holding 200 taught phrasings (the overlay loads on the first). */
async function taughtRows(script: string, env: Record<string, string>, api: FakeOpenApi): Promise<BenchRow[]> {
  const url = await benchRedisUrl()
  if (!url) return [{ metric: '200 taught phrasings (Redis)', value: 'skipped', target: 'no Redis answers at REDIS_URL or 127.0.0.1:6379' }]
  const before = api.sent('reply').length
  const { result, taught } = await withTaughtInRedis(url, async (prefix) => {
    const vars = { REDIS_URL: url, REDIS_PREFIX: prefix }
    const node: ChildResult[] = []
    for (let i = 0; i < RUNS; i++) node.push(await runChild(script, { ...env, ...vars }))
    return { node, workerd: await workerdQuestions(RUNS, vars) }
  })
  const { node, workerd } = result
  return [
    cpuRow(node, 'first', `${taught} taught, Redis: first question`, `workerd ${ms(median(workerd.map((r) => r.firstMs)))}`),
    cpuRow(node, 'warm', `${taught} taught, Redis: warm question`, `workerd ${ms(median(workerd.map((r) => r.warmMs)))}`),
    cpuRow(node, 'firstMinusWarm', `${taught} taught, Redis: first minus warm`, `workerd ${ms(firstMinusWarm(workerd))}; ${FREE_PLAN}`),
    { metric: `${taught} taught, Redis: replies / questions`, value: `${api.sent('reply').length - before} / ${RUNS * 2} (Node), ${workerd.reduce((n, r) => n + r.replies, 0)} / ${RUNS * 2} (workerd)` },
  ]
}

export async function coldStartBench(): Promise<{ title: string; rows: BenchRow[] }> {
  const outdir = join('dist', 'cold-start')
  const worker = buildWorkerBundle(outdir)
  const bare = join('dist', 'cold-start-bare', 'bare.mjs')
  await build({ entryPoints: ['bench/cold-start-bare.ts'], bundle: true, minify: true, format: 'esm', platform: 'neutral', outfile: bare, logLevel: 'error' })

  const api = new FakeOpenApi()
  const env = { FEISHU_APP_ID: 'cli_bench', FEISHU_APP_SECRET: 'bench-secret', FEISHU_VERIFICATION_TOKEN: 'vt_bench', FEISHU_API_BASE: await api.start() }
  try {
    const app: ChildResult[] = []
    const base: ChildResult[] = []
    for (let i = 0; i < RUNS; i++) {
      app.push(await runChild(worker.script, env))
      base.push(await runChild(bare, env))
    }
    const workerd = Array.from({ length: RUNS }, () => workerdStartUp(worker.upload, outdir))
    const inWorkerd = await workerdQuestions(RUNS)
    const replied = api.sent('reply').length
    const taught = await taughtRows(worker.script, env, api)
    const failed = warmUpFailure(app.flatMap((r) => r.logs)) ?? workerd.map((w) => w.logs).find((l) => l.includes('warm-up failed'))
    return {
      title: `Cold start (bundled Worker in a fresh Node ${process.version} process per run, CPU time of the Worker's thread, median of ${RUNS}; Node, not workerd; ${machine()})`,
      rows: [
        cpuRow(app, 'moduleEval', 'bot: module evaluation', '≤ 300 ms (Workers start-up limit 1 s)'),
        cpuRow(app, 'first', 'bot: first question'),
        cpuRow(app, 'warm', 'bot: warm question'),
        cpuRow(app, 'firstMinusWarm', 'bot: first minus warm', FREE_PLAN),
        { metric: 'bot: start-up warm-up', value: failed ? 'FAILED' : 'ok', target: failed ? failed.slice(0, 80) : 'answered at start-up in Node and workerd' },
        cpuRow(base, 'moduleEval', 'bare Hono: module evaluation'),
        cpuRow(base, 'first', 'bare Hono: first request'),
        { metric: "Node's fetch start-up (not counted)", value: ms(median(app.map((r) => r.nodeFetchMs))), target: 'built into workerd; whole process' },
        { metric: 'workerd: start-up (check startup)', value: ms(median(workerd.map((w) => w.ms))), target: '≤ 1 s (profiled, so a little slower)' },
        { metric: 'workerd: first question', value: ms(median(inWorkerd.map((r) => r.firstMs))), target: 'profiled busy time of the isolate' },
        { metric: 'workerd: warm question', value: ms(median(inWorkerd.map((r) => r.warmMs))) },
        { metric: 'workerd: first minus warm', value: ms(firstMinusWarm(inWorkerd)), target: FREE_PLAN },
        { metric: 'replies sent / questions', value: `${replied} / ${RUNS * 2} (Node), ${inWorkerd.reduce((n, r) => n + r.replies, 0)} / ${RUNS * 2} (workerd)` },
        ...taught,
      ],
    }
  } finally {
    await api.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, rows } = await coldStartBench()
  console.log(title)
  for (const r of rows) console.log(`  ${r.metric.padEnd(36)} ${r.value.padStart(10)}  ${r.target ?? ''}`)
}
