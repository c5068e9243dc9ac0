// Webhook throughput on Node: server in a child process, load from this one, over loopback HTTP.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
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

async function load(base: string, requests: PreparedRequest[]): Promise<{ rate: number; sent: number; errors: number }> {
  let next = 0
  let errors = 0
  const started = performance.now()
  const end = started + DURATION_MS
  const worker = async () => {
    while (performance.now() < end && next < requests.length) {
      const r = requests[next++]!
      const res = await fetch(`${base}/webhook/feishu`, { method: 'POST', headers: r.headers, body: r.body })
      if (res.status !== 200) errors++
      await res.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  return { rate: next / seconds, sent: next, errors }
}

export async function webhookBench(): Promise<void> {
  const questions = readFileSync('test/fixtures/questions.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text)
  const requests = await prepareQuestions(60_000, questions)
  const rows: { mode: string; rate: number; sent: number; errors: number; replies: number | string }[] = []
  for (const mode of ['bare', 'memory', 'redis']) {
    const { child, base } = await startServer(mode)
    try {
      await load(base, requests.slice(0, 200)) // warm-up: JIT, connections, index build
      const slice = mode === 'bare' ? requests : requests.slice(200)
      const r = await load(base, slice)
      await new Promise((res) => setTimeout(res, 300))
      const replies = mode === 'bare' ? '-' : ((await (await fetch(`${base}/__replies`)).json()) as { replies: number }).replies
      rows.push({ mode, ...r, replies })
    } finally {
      child.kill()
    }
  }
  const bare = rows[0]!.rate
  console.log(`\nWebhook throughput on Node (loopback HTTP, ${CONCURRENCY} in flight, ${DURATION_MS / 1000} s each, one run)`)
  console.log('route                                   events/s   vs bare   non-200   replies sent')
  for (const r of rows) {
    const label = r.mode === 'bare' ? 'bare Hono route returning 200 {}' : `signed+encrypted question, ${r.mode} store`
    console.log(`${label.padEnd(40)}${r.rate.toFixed(0).padStart(8)}   ${(r.rate / bare).toFixed(2).padStart(6)}   ${String(r.errors).padStart(7)}   ${String(r.replies).padStart(12)}`)
  }
}
