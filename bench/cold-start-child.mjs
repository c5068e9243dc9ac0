// One cold start, in a fresh process: import a bundled Worker, then send it two questions, measuring CPU time
// (process.cpuUsage, user + system) of module evaluation, of the first question and of a warm one separately.
// Usage: node bench/cold-start-child.mjs <bundle.js> <json env>; prints one JSON line.
const [bundle, envJson] = process.argv.slice(2)
const env = JSON.parse(envJson)
// The bundle swaps globalThis.process for the unenv polyfill, which has no cpuUsage: keep Node's own.
const cpuUsage = process.cpuUsage.bind(process)
const write = process.stdout.write.bind(process.stdout)
const exit = process.exit.bind(process)
const cpuMs = (since) => {
  const u = cpuUsage(since)
  return (u.user + u.system) / 1000
}

const body = (text, n) =>
  JSON.stringify({
    schema: '2.0',
    header: { event_id: `ev_cold_${process.pid}_${n}`, event_type: 'im.message.receive_v1', create_time: String(Date.now()), token: env.FEISHU_VERIFICATION_TOKEN, app_id: 'cli_bench', tenant_key: 't' },
    event: {
      sender: { sender_id: { open_id: 'ou_bench_user' }, sender_type: 'user', tenant_key: 't' },
      message: {
        message_id: `om_cold_${process.pid}_${Date.now()}_${n}`,
        chat_id: 'oc_bench_cold',
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
  const start = cpuUsage()
  const res = await worker.fetch(req, env, ctx)
  await res.text()
  while (pending.length) await Promise.allSettled(pending.splice(0))
  return { ms: cpuMs(start), status: res.status }
}

const evalStart = cpuUsage()
const mod = await import(bundle)
const moduleEvalMs = cpuMs(evalStart)
const worker = mod.default
const first = await ask(worker, '新号现在做小红书还有机会吗', 1)
const warm = await ask(worker, '关键词应该写在标题还是正文里', 2)
write(JSON.stringify({ moduleEvalMs, firstMs: first.ms, warmMs: warm.ms, status: [first.status, warm.status] }) + '\n')
exit(0)
