// `npm run chaos`: the reply path under faults, on loopback, in a few minutes. Two app instances (the real Node
// entry) share a redis-server of the suite's own; a fake Open API and WeCom response_url host fail 30% of calls
// in one way per phase; Redis is killed and restarted, then pushed to OOM; one instance is restarted mid-load.
// Time is shrunk tenfold (DELIVERY_TIME_SCALE=0.1): a 429's 30 s reset waits 3 s, the outbox's 55 min window is
// 5.5 min, Feishu's 15 s redelivery is 1.5 s. Prints one table of phases and one of checks.
import { readFileSync } from 'node:fs'
import { RawConnection } from '../test/helpers/raw-http'
import { ask, deliverOnce, newQuestion, repliesTo, wireFor, type Asker } from './chaos-ask'
import { Instance } from './chaos-instances'
import { ChaosPlatform, type FaultMode } from './chaos-platform'
import { ChaosRedis } from './chaos-redis'
import { judge, phaseTable, table } from './chaos-report'
import { closeAgents, FEISHU_KEY, FEISHU_TOKEN, openPassive, post, WECOM_KEY, WECOM_TOKEN, type Kind, type Question } from './chaos-traffic'

const SCALE = 0.1
const PHASE_SECONDS = Number(process.env.CHAOS_PHASE_SECONDS ?? 12)
const QUESTIONS_PER_SECOND = 5
// CHAOS_PORT_BASE=25000 puts the suite's four ports at 25000-25003 (a machine shared by several runs hands each a range).
const PORT_BASE = Number(process.env.CHAOS_PORT_BASE ?? 16450)
const PORTS = { redis: PORT_BASE, a: PORT_BASE + 1, b: PORT_BASE + 2, platform: PORT_BASE + 3 }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const texts = readFileSync('test/fixtures/questions.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; intent: string | null })
  .filter((q) => q.intent)
  .map((q) => q.text.replace(/^@\S+\s*/, ''))

const platform = new ChaosPlatform(PORTS.platform)
const redis = new ChaosRedis(PORTS.redis)
let currentPhase = 'setup'
let seed = 7
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
const questions: Question[] = []
const notes: string[][] = []
let instances: Instance[] = []
let running: Asker | undefined

async function main() {
  await platform.start()
  await redis.start()
  const env = {
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'chaos:',
    FEISHU_APP_ID: 'cli_chaos',
    FEISHU_APP_SECRET: 'chaos_secret',
    FEISHU_VERIFICATION_TOKEN: FEISHU_TOKEN,
    FEISHU_ENCRYPT_KEY: FEISHU_KEY,
    FEISHU_API_BASE: platform.url,
    WECOM_BOT_TOKEN: WECOM_TOKEN,
    WECOM_BOT_ENCODING_AES_KEY: WECOM_KEY,
    WECOM_API_BASE: platform.url,
    DELIVERY_TIME_SCALE: String(SCALE),
    RATE_LIMIT_PER_MINUTE: '1000',
    TIP_CRON: '0 9 * * *',
  }
  instances = [new Instance('A', PORTS.a, env), new Instance('B', PORTS.b, env)]
  await Promise.all(instances.map((i) => i.start()))
  const asker: Asker = { platform, instances, phase: () => currentPhase, random, inFlight: new Set() }
  running = asker
  await warmUp(asker)

  const kinds: [Kind, number][] = [['feishu-group', 0.45], ['feishu-p2p', 0.15], ['wecom-button', 0.2], ['wecom-text', 0.2]]
  const pickKind = (): Kind => {
    let r = random()
    for (const [k, share] of kinds) if ((r -= share) < 0) return k
    return 'feishu-group'
  }

  const phases: { name: string; mode: FaultMode; during?: () => Promise<void> }[] = [
    { name: 'no faults', mode: 'none' },
    { name: 'HTTP 5xx 30%', mode: '5xx' },
    { name: 'connection reset 30%', mode: 'reset' },
    { name: '429, reset 30 s, 30%', mode: '429' },
    { name: 'hung call 30%', mode: 'hang' },
    { name: 'token expired 30% (+ token call fails 30%)', mode: 'token' },
    { name: 'Redis killed 3 s in, back 8 s later; mixed faults 30%', mode: 'mixed', during: () => outage(() => redis.kill(), () => redis.start()) },
    { name: 'Redis OOM 3 s in, for 8 s; mixed faults 30%', mode: 'mixed', during: () => outage(() => redis.oom(true), () => redis.oom(false)) },
    { name: 'instance A stopped (SIGTERM) and restarted; hung calls 30%', mode: 'hang', during: () => restart(instances[0]!) },
  ]

  // CHAOS_ONLY='OOM|stopped' runs only the phases whose name matches that pattern (while investigating some).
  const only = process.env.CHAOS_ONLY ? new RegExp(process.env.CHAOS_ONLY) : null
  for (const phase of only ? phases.filter((p) => only.test(p.name)) : phases) {
    currentPhase = phase.name
    platform.mode = phase.mode
    const during = phase.during?.()
    const end = Date.now() + PHASE_SECONDS * 1000
    while (Date.now() < end) {
      const q = newQuestion(pickKind(), texts[Math.floor(random() * texts.length)]!, phase.name)
      questions.push(q)
      ask(asker, q)
      await sleep(1000 / QUESTIONS_PER_SECOND)
    }
    await during
  }
  platform.mode = 'none'
  currentPhase = 'checks'
  const checks = await runChecks(asker)

  // Wait for redeliveries and the outbox: until every question has its reply, or the (scaled) window has passed.
  const windowMs = 55 * 60_000 * SCALE
  const lastAsked = Date.now()
  const unanswered = () => questions.filter((q) => repliesTo(asker, q).length === 0)
  const waitMs = Number(process.env.CHAOS_WAIT_MS ?? windowMs)
  while ((asker.inFlight.size > 0 || unanswered().length > 0) && Date.now() - lastAsked < waitMs) await sleep(500)
  await sleep(2000) // late duplicates would show up now

  const counts = await redis.with((c) => c.hgetall(`chaos:delivery:${new Date().toISOString().slice(0, 10)}`)).catch(() => ({}) as Record<string, string>)
  const givenUp = instances.flatMap((i) => i.lines(/reply given up/))
  const stops = await Promise.all(instances.map((i) => i.stop()))
  await platform.stop()
  await redis.kill()
  closeAgents()

  const rows = judge(asker, questions, phases.map((p) => p.name).filter((n) => questions.some((q) => q.phase === n)))
  const fontTags = questions.filter((q) => q.kind.startsWith('wecom')).flatMap((q) => repliesTo(asker, q)).filter((r) => r.content.includes('<font')).length
  const wecomReplies = questions.filter((q) => q.kind.startsWith('wecom')).flatMap((q) => repliesTo(asker, q)).length
  const total = rows.reduce((n, r) => n + r.questions, 0)
  const once = rows.reduce((n, r) => n + r.exactlyOnce, 0)
  process.stdout.write(`\nChaos run (loopback, DELIVERY_TIME_SCALE=${SCALE}, ${PHASE_SECONDS} s per phase, ${QUESTIONS_PER_SECOND} questions/s, ${Math.round(100 * 0.3)}% of pushes delivered twice)\n\n`)
  process.stdout.write(`${phaseTable(rows)}\n\n`)
  const checkRows = [
    ...checks,
    ['WeCom replies carrying a <font> tag', `${fontTags} of ${wecomReplies}`],
    ['every question exactly one reply within the window', `${once}/${total}`],
    ['Open API / response_url calls (faulted)', `${platform.calls.feishu + platform.calls.wecom} (${platform.calls.faulted})`],
    ['outbox counters since the Redis restart: kept past the request / sent later / given up', `${counts.queued ?? 0} / ${counts['sent-late'] ?? 0} / ${counts['given-up'] ?? 0}`],
    ['replies given up (log lines, whole run)', String(givenUp.length)],
    ['replies kept in memory during an outage, later written to Redis: by a drain / at a stop / lost at a stop', [/during the Redis outage written to Redis/, /kept in memory handed to Redis/, /not handed over/].map((re) => sumOf(instances.flatMap((i) => i.lines(re)))).join(' / ')],
    ['final stop of both instances (SIGTERM)', stops.map((s) => `${(s.ms / 1000).toFixed(1)} s, exit ${s.code}`).join('; ')],
    ...notes,
  ]
  process.stdout.write(`${table(['check', 'result'], checkRows)}\n`)
  const odd = questions.filter((q) => repliesTo(asker, q).length !== 1)
  if (odd.length) process.stdout.write('\nQuestions without exactly one reply:\n')
  for (const q of odd.slice(0, 20)) {
    const replies = repliesTo(asker, q).map((r) => `+${((r.at - q.sentAt) / 1000).toFixed(1)} s`)
    process.stdout.write(`  ${q.phase} | ${q.kind} ${q.id} «${q.text}» | pushes ${q.acks.map((k) => k.status).join(',')} | replies ${replies.join(', ') || 'none'}\n`)
    for (const line of instances.flatMap((i) => i.lines(new RegExp(q.id)).map((l) => `${i.name} ${l}`))) process.stdout.write(`      ${line}\n`)
  }
  if (givenUp.length) process.stdout.write('\nReplies given up (instance logs):\n')
  for (const line of givenUp.slice(0, 10)) process.stdout.write(`  ${line}\n`)
}

/** The sum of the first number on each line (the counts in "outbox: 2 reply(ies) …" lines); a line without one counts 1. */
const sumOf = (lines: string[]) => lines.reduce((n, l) => n + Number(/(?:outbox: |, )(\d+) /.exec(l)?.[1] ?? 1), 0)

/** A first question per instance, not counted: it builds the matcher index and loads code, which a real start also does once. */
async function warmUp(a: Asker): Promise<void> {
  for (const [i] of a.instances.entries()) {
    const q = newQuestion('feishu-group', texts[0]!, 'warm-up')
    await deliverOnce(a, q, i)
    await deliverOnce(a, newQuestion('wecom-text', texts[1]!, 'warm-up'), i)
  }
}

/** `down` 3 s into the phase, `up` 8 s later. */
async function outage(down: () => Promise<void>, up: () => Promise<void>): Promise<void> {
  await sleep(3000)
  await down()
  await sleep(8000)
  await up()
}

async function restart(instance: Instance): Promise<void> {
  await sleep(3000)
  // A burst just before the signal, so the stop finds replies in flight (hung calls hold them for 0.5 s each).
  const a = running!
  for (let i = 0; i < 10; i++) {
    const q = newQuestion('feishu-group', texts[i]!, currentPhase)
    questions.push(q)
    ask(a, q, a.instances.indexOf(instance))
  }
  await sleep(300)
  const stopped = await instance.stop()
  const said = instance.lines(/SIGTERM|handed/).map((l) => l.replace(/^\[[^\]]*\] /, '')).join('; ')
  notes.push([`instance A stopped mid-load (SIGTERM)`, `${(stopped.ms / 1000).toFixed(1)} s, exit ${stopped.code}: ${said}`])
  await instance.start()
}

async function runChecks(a: Asker): Promise<string[][]> {
  const rows: string[][] = []
  // A 413 must not cost the next request on the same keep-alive connection.
  for (const inst of a.instances) {
    const q = newQuestion('feishu-group', texts[0]!, 'checks')
    const conn = await RawConnection.open(Number(new URL(inst.url).port))
    conn.request('POST', '/webhook/feishu', { 'content-type': 'application/json' }, Buffer.alloc(2 * 1024 * 1024, 'a'))
    const first = await conn.response()
    const wire = await wireFor(a, q)
    conn.request('POST', wire.path, wire.headers, wire.body)
    const second = await conn.response()
    conn.close()
    await sleep(1500)
    rows.push([`instance ${inst.name}: oversize body, then a valid event on the same connection`, `${first?.status ?? 'none'}, then ${second?.status ?? 'none (connection lost)'}; replies ${repliesTo(a, q).length}`])
  }
  // Signed requests from long ago must be refused and never answered.
  const replays = [newQuestion('feishu-group', texts[1]!, 'checks'), newQuestion('wecom-text', texts[2]!, 'checks')]
  const statuses: number[] = []
  for (const q of replays) {
    const res = await post(a.instances[0]!.url, await wireFor(a, q, Math.floor(Date.now() / 1000) - 9 * 3600), 3000)
    statuses.push(res.kind === 'answer' ? res.status : 0)
  }
  await sleep(1500)
  rows.push(['signed request replayed 9 h later (Feishu, WeCom)', `${statuses.join(', ')}; replies ${replays.map((q) => repliesTo(a, q).length).join(', ')}`])
  // A pressed card answered by a card update must carry the pressed card's task_id.
  const presses = Array.from({ length: 5 }, (_, i) => newQuestion('wecom-button', '', 'checks', { taskId: `task_chaos_${i}_${Date.now()}` }))
  for (const q of presses) {
    const res = await post(a.instances[0]!.url, await wireFor(a, q), 3000)
    const passive = res.kind === 'answer' ? await openPassive(res.body) : null
    if (passive) q.passive.push({ at: Date.now(), ...passive })
  }
  rows.push(['update_template_card reuses the pressed card\'s task_id', `${presses.filter((q) => q.passive[0]?.taskId === q.taskId).length}/${presses.length}`])
  return rows
}

main().catch(async (err: unknown) => {
  console.error(err)
  await Promise.all(instances.map((i) => i.stop('SIGKILL')))
  await redis.kill().catch(() => {})
  process.exit(1)
})
