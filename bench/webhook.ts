// Webhook throughput on Node: server in a child process, load from this one, over loopback HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import Redis from 'ioredis'
import { Agent, request } from 'node:http'
import type { BenchRow } from './matcher'
import { prepareQuestions, type PreparedRequest } from './webhook-requests'

const DURATION_MS = Number(process.env.BENCH_WEBHOOK_MS ?? 4000)
const CONCURRENCY = 32

async function startServer(mode: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/webhook-server.ts', mode], { stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()))
    child.once('exit', (code) => reject(new Error(`bench server ${mode} exited with ${code}`)))
  })
  return { child, base: `http://127.0.0.1:${port}` }
}

/** One POST over a kept-alive connection; resolves with the status once the body is drained. */
function post(agent: Agent, base: URL, r: PreparedRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path: '/webhook/feishu', method: 'POST', headers: r.headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(r.body)
  })
}

async function load(base: string, requests: PreparedRequest[]): Promise<{ rate: number; sent: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const url = new URL(base)
  let next = 0
  let errors = 0
  const started = performance.now()
  const end = started + DURATION_MS
  const worker = async () => {
    while (performance.now() < end && next < requests.length) {
      if ((await post(agent, url, requests[next++]!)) !== 200) errors++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return { rate: next / seconds, sent: next, errors }
}

/** The Redis run writes under `xhs-bench:` (bench/webhook-server.ts); nothing of it is left in the user's Redis. */
async function deleteBenchKeys(): Promise<void> {
  const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { disableClientInfo: true, maxRetriesPerRequest: 1 })
  try {
    for await (const keys of client.scanStream({ match: 'xhs-bench:*', count: 500 }) as AsyncIterable<string[]>) if (keys.length) await client.del(...keys)
  } finally {
    client.disconnect()
  }
}

export async function webhookBench(): Promise<{ title: string; rows: BenchRow[] }> {
  const questions = readFileSync('test/fixtures/questions.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text)
  const requests = await prepareQuestions(60_000, questions)
  const measured: { mode: string; rate: number; errors: number; replies: number; sent: number }[] = []
  for (const mode of ['bare', 'bare-body', 'memory', 'redis']) {
    const { child, base } = await startServer(mode)
    try {
      await load(base, requests.slice(0, 200)) // warm-up: JIT, connections, index build
      const r = await load(base, mode.startsWith('bare') ? requests : requests.slice(200))
      await new Promise((res) => setTimeout(res, 300))
      const replies = mode.startsWith('bare') ? r.sent : ((await (await fetch(`${base}/__replies`)).json()) as { replies: number }).replies
      measured.push({ mode, ...r, replies })
    } finally {
      child.kill()
      if (mode === 'redis') await deleteBenchKeys()
    }
  }
  const bare = measured[0]!.rate
  const rows: BenchRow[] = [{ metric: 'bare Hono route returning 200 {}', value: `${bare.toFixed(0)} req/s`, target: '1.00×' }]
  for (const m of measured.slice(1)) {
    if (m.mode === 'bare-body') {
      rows.push({ metric: 'bare Hono route that reads the body', value: `${m.rate.toFixed(0)} req/s`, target: `${(m.rate / bare).toFixed(2)}× bare` })
      continue
    }
    rows.push({
      metric: `signed+encrypted question, ${m.mode} store`,
      value: `${m.rate.toFixed(0)} ev/s`,
      target: `${(m.rate / bare).toFixed(2)}× bare (target ≥ 0.50×); non-200 ${m.errors}; replies ${m.replies}/${m.sent + 200}`,
    })
  }
  return { title: `Webhook throughput on Node (loopback HTTP, ${CONCURRENCY} in flight, ${DURATION_MS / 1000} s per route, one run)`, rows }
}
