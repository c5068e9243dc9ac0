// One cold start, in a fresh process: import a bundled Worker, then send it two questions, measuring the CPU time of
// module evaluation, of the first question and of a warm one, twice: on the thread that runs the Worker's JavaScript
// (Linux's per-thread schedstat), and for the whole process (process.cpuUsage, user + system, every thread). The
// Workers limits are about the first: an isolate's JavaScript runs on one thread, while V8 compiles optimised code and
// marks the heap on helper threads beside it, and in Node those helpers' time lands in the process figure, unevenly
// from run to run.
// Usage: node bench/cold-start-child.mjs <bundle.js> <json env>; prints one JSON line.
//
// Node stands in for workerd here, so the child holds the bundle to what workerd does and leaves out what only Node
// pays:
// - navigator.userAgent is "Cloudflare-Workers", as in workerd (libraries such as zod choose their code path by it);
// - while the global scope runs, fetch, timers, abort timeouts, random values and request/response bodies throw, as
//   workerd refuses them at start-up (a warm-up that relied on them would fail here too, and the first question would
//   show it);
// - microtasks left by the global scope run before the first question, as workerd runs them to the end at start-up;
// - Node's own fetch and web streams (JavaScript in Node, built into workerd) are started before the first question,
//   and that cost is reported on its own line, not counted as the Worker's;
// - workerd's connect() (cloudflare:sockets) is a stand-in over node:net and web streams, which costs Node more than
//   workerd's native sockets cost workerd.
import { readFileSync } from 'node:fs'
import { register } from 'node:module'
import { startUpRules } from '../test/helpers/workerd-start-up.mjs'

// The bundle imports workerd's `cloudflare:sockets` (its Redis connection) and `cloudflare:workers` (its bindings at
// start-up); Node gets stand-ins: a socket over node:net, and the env this run was given.
register('../test/helpers/cloudflare-loader.mjs', import.meta.url)

const [bundle, envJson] = process.argv.slice(2)
const env = JSON.parse(envJson)
globalThis.__workerEnv = env
// Runs may share a Redis: a sender and chat of its own keep one run's questions out of another's rate limit.
const run = `${process.pid}_${Date.now().toString(36)}`
// The bundle swaps globalThis.process (and timers) for unenv polyfills: keep Node's own.
const cpuUsage = process.cpuUsage.bind(process)
const write = process.stdout.write.bind(process.stdout)
const exit = process.exit.bind(process)
const setImmediateNode = setImmediate
const cpuMs = (since) => {
  const u = cpuUsage(since)
  return (u.user + u.system) / 1000
}
// Linux adds a running thread's time to its schedstat at a scheduler tick (4 ms here) or when it stops running: a wait
// of 10 µs first makes the figure exact to a few µs.
const pause = new Int32Array(new SharedArrayBuffer(4))
/** Nanoseconds this thread has run (Linux); null elsewhere, where only the process figure is reported. */
const threadNs = () => {
  try {
    Atomics.wait(pause, 0, 0, 0.01)
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0])
  } catch {
    return null
  }
}
/** CPU since `start` ({ thread ns, process usage }), in ms: { thread, process }. */
const sample = () => ({ thread: threadNs(), usage: cpuUsage() })
const spent = (start) => {
  const t = threadNs()
  return { thread: t === null || start.thread === null ? null : (t - start.thread) / 1e6, process: cpuMs(start.usage) }
}

if (typeof navigator === 'undefined') globalThis.navigator = { userAgent: 'Cloudflare-Workers' }

/** Node's fetch (undici) and web streams load and compile on first use; workerd has them built in. */
async function startNodeFetch() {
  const start = cpuUsage()
  for (let i = 0; i < 3; i++) {
    await (await fetch(`${env.FEISHU_API_BASE}/node-warm-up`)).text()
    const res = await fetch(`${env.FEISHU_API_BASE}/node-warm-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }) })
    const reader = res.body.getReader()
    while (!(await reader.read()).done);
    await new Response(JSON.stringify({ i })).json()
  }
  return cpuMs(start)
}

const body = (text, n) =>
  JSON.stringify({
    schema: '2.0',
    header: { event_id: `ev_cold_${run}_${n}`, event_type: 'im.message.receive_v1', create_time: String(Date.now()), token: env.FEISHU_VERIFICATION_TOKEN, app_id: 'cli_bench', tenant_key: 't' },
    event: {
      sender: { sender_id: { open_id: `ou_bench_${run}` }, sender_type: 'user', tenant_key: 't' },
      message: {
        message_id: `om_cold_${run}_${n}`,
        chat_id: `oc_bench_${run}`,
        chat_type: 'p2p',
        message_type: 'text',
        create_time: String(Date.now()),
        content: JSON.stringify({ text }),
        mentions: [],
      },
    },
  })

async function ask(worker, text, n) {
  const pending = []
  const ctx = { waitUntil: (p) => void pending.push(p), passThroughOnException() {}, props: {} }
  const req = new Request('http://bot.test' + (env.__path ?? '/webhook/feishu'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(text, n) })
  const start = sample()
  const res = await worker.fetch(req, env, ctx)
  await res.text()
  while (pending.length) await Promise.allSettled(pending.splice(0))
  return { cpu: spent(start), status: res.status }
}

const logs = []
const consoleLog = console.log
console.log = (...args) => logs.push(args.join(' '))
void [crypto, Request, Response] // Node creates these on first use; that is not the bundle's cost
const allowAgain = startUpRules()
const evalStart = sample()
const mod = await import(bundle)
await new Promise((resolve) => setImmediateNode(resolve))
allowAgain()
const moduleEval = spent(evalStart)
const nodeFetchMs = await startNodeFetch()
const worker = mod.default
const first = await ask(worker, '新号现在做小红书还有机会吗', 1)
const warm = await ask(worker, '关键词应该写在标题还是正文里', 2)
console.log = consoleLog
write(JSON.stringify({ moduleEval, nodeFetchMs, first: first.cpu, warm: warm.cpu, status: [first.status, warm.status], logs }) + '\n')
exit(0)
