// The first and a warm question in workerd itself (wrangler's local runtime, a fresh isolate per run): the isolate's
// thread is profiled through the inspector and its busy samples summed, from the request until the reply reached the
// fake Open API. Native work workerd does outside JavaScript is not all sampled, so read it beside the Node figures.
// Run by cold-start.ts in its own process, because Node 20 has WebSocket only behind a flag:
//   node --experimental-websocket --import tsx bench/cold-start-workerd.ts <runs> [<json of more variables>]
// Prints one JSON line per run: {"firstMs": …, "warmMs": …, "replies": 0-2}.
import { unstable_startWorker } from 'wrangler'
import { FakeOpenApi } from '../test/helpers/fake-open-api'

interface Profile { nodes: { id: number; callFrame: { functionName: string } }[]; samples: number[]; timeDeltas: number[] }

const text = (value: string) => ({ type: 'plain_text' as const, value })

function busyMs(p: Profile): number {
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id))
  let us = 0
  for (let i = 0; i < p.samples.length; i++) if (!idle.has(p.samples[i] as number)) us += p.timeDeltas[i + 1] ?? 0
  return us / 1000
}

/** A Chrome DevTools Protocol session over the worker's inspector. */
async function inspect(url: URL) {
  // wrangler's inspector proxy wants an Origin it trusts; Node's WebSocket takes headers as its second argument.
  const WS = WebSocket as unknown as new (url: string, init: object) => WebSocket
  const ws = new WS(`ws://${url.host}/ws`, { headers: { Origin: 'http://localhost' } })
  await new Promise((resolve, reject) => {
    ws.onopen = resolve
    ws.onerror = reject
  })
  let id = 0
  const waiting = new Map<number, (result: unknown) => void>()
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: unknown }
    if (m.id !== undefined) waiting.get(m.id)?.(m.result)
  }
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      waiting.set(++id, resolve as (r: unknown) => void)
      ws.send(JSON.stringify({ id, method, params }))
    })
  return { send, close: () => ws.close() }
}

// Runs may share a Redis: a sender and chat of their own keep one run's questions out of another's rate limit.
const event = (text: string, n: number, run: string) =>
  JSON.stringify({
    schema: '2.0',
    header: { event_id: `ev_workerd_${run}_${n}`, event_type: 'im.message.receive_v1', create_time: String(Date.now()), token: 'vt_bench', app_id: 'cli_bench', tenant_key: 't' },
    event: {
      sender: { sender_id: { open_id: `ou_bench_${run}` }, sender_type: 'user', tenant_key: 't' },
      message: { message_id: `om_workerd_${run}_${n}`, chat_id: `oc_bench_${run}`, chat_type: 'p2p', message_type: 'text', create_time: String(Date.now()), content: JSON.stringify({ text }), mentions: [] },
    },
  })

async function oneRun(api: FakeOpenApi, vars: Record<string, string>): Promise<{ firstMs: number; warmMs: number; replies: number }> {
  const worker = await unstable_startWorker({
    config: 'wrangler.toml',
    build: { nodejsCompatMode: 'v2' },
    envFiles: [],
    bindings: Object.fromEntries(Object.entries({ FEISHU_APP_ID: 'cli_bench', FEISHU_APP_SECRET: 'bench-secret', FEISHU_VERIFICATION_TOKEN: 'vt_bench', FEISHU_API_BASE: api.url, ...vars }).map(([k, v]) => [k, text(v)])),
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: { port: 0 }, watch: false, logLevel: 'error' },
  })
  try {
    await worker.ready
    const cdp = await inspect((await worker.inspectorUrl) as URL)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    const run = `${process.pid}_${Date.now().toString(36)}`
    const ask = async (question: string, n: number) => {
      const before = api.sent('reply').length
      await cdp.send('Profiler.start')
      const res = await worker.fetch('http://bot.test/webhook/feishu', { method: 'POST', headers: { 'content-type': 'application/json' }, body: event(question, n, run) })
      await res.text()
      const until = Date.now() + 10_000
      while (api.sent('reply').length === before && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
      const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop')
      return { ms: busyMs(profile), status: res.status, replied: api.sent('reply').length - before }
    }
    const first = await ask('新号现在做小红书还有机会吗', 1)
    const warm = await ask('关键词应该写在标题还是正文里', 2)
    cdp.close()
    return { firstMs: first.ms, warmMs: warm.ms, replies: first.replied + warm.replied }
  } finally {
    await worker.dispose()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 5)
  const vars = JSON.parse(process.argv[3] ?? '{}') as Record<string, string>
  const api = new FakeOpenApi()
  await api.start()
  try {
    for (let i = 0; i < runs; i++) process.stdout.write(`${JSON.stringify(await oneRun(api, vars))}\n`)
  } finally {
    await api.stop()
  }
}
