// Asking questions the way the platforms push them, and judging the answers afterwards.
import type { ChaosPlatform } from './chaos-platform'
import type { Instance } from './chaos-instances'
import { feishuWire, openPassive, post, wecomWire, type Kind, type Question, type Wire } from './chaos-traffic'

/** Feishu counts a push as failed without HTTP 200 within 3 s. */
export const ACK_DEADLINE_MS = 3000
/** Feishu's redelivery schedule (15 s, 5 min, 1 h, 6 h) at the suite's time scale; the run ends before the third. */
export const REDELIVERY_MS = [1500, 30_000]
/** Share of questions delivered twice anyway, to the other instance, within a second (both platforms say they may). */
export const DUPLICATE_SHARE = 0.3

export interface Asker {
  platform: ChaosPlatform
  instances: Instance[]
  phase: () => string
  random: () => number
  /** Deliveries still going (redeliveries wait in here). */
  inFlight: Set<Promise<unknown>>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
let roundRobin = 0
let seq = 0

export function newQuestion(kind: Kind, text: string, phase: string, opts: { taskId?: string } = {}): Question {
  const id = `${kind === 'wecom-button' || kind === 'wecom-text' ? 'wx' : 'om'}_chaos_${Date.now().toString(36)}_${(seq++).toString(36)}`
  return { id, kind, text, phase, sentAt: Date.now(), shownKey: kind.startsWith('feishu') ? `r-${id}` : `rc_${id}`, passive: [], acks: [], lost: 0, taskId: opts.taskId }
}

export function wireFor(a: Asker, q: Question, timestampSeconds?: number): Promise<Wire> {
  if (q.kind.startsWith('feishu')) return feishuWire(q, a.platform.botOpenId, timestampSeconds)
  // A pressed card without a response_url: the answer can only be the passive card update.
  return wecomWire(q, q.taskId ? null : a.platform.url, timestampSeconds)
}

/** One push to the instance `prefer` points at; an instance that refuses connections is skipped, as a load balancer would. */
export async function deliverOnce(a: Asker, q: Question, prefer: number): Promise<boolean> {
  const wire = await wireFor(a, q)
  for (let k = 0; k < a.instances.length; k++) {
    const res = await post(a.instances[(prefer + k) % a.instances.length]!.url, wire, ACK_DEADLINE_MS)
    if (res.kind === 'refused') continue
    if (res.kind === 'no-answer') {
      q.lost++
      q.acks.push({ ms: Math.max(res.ms, ACK_DEADLINE_MS), status: 0, phase: a.phase() })
      return false
    }
    q.acks.push({ ms: res.ms, status: res.status, phase: a.phase() })
    if (res.status !== 200) return false
    if (q.kind.startsWith('wecom')) {
      const passive = await openPassive(res.body)
      if (passive) q.passive.push({ at: Date.now(), ...passive })
    }
    return true
  }
  q.lost++
  return false
}

/** Asks `q`: pushed again on failure per the redelivery schedule, and sometimes pushed twice regardless. */
export function ask(a: Asker, q: Question, prefer = roundRobin++): void {
  const run = (async () => {
    const twice = a.random() < DUPLICATE_SHARE ? sleep(a.random() * 1000).then(() => deliverOnce(a, q, prefer + 1)) : null
    let acked = await deliverOnce(a, q, prefer)
    for (const wait of REDELIVERY_MS) {
      if (acked) break
      await sleep(wait)
      acked = await deliverOnce(a, q, prefer + 1)
    }
    await twice
  })()
  a.inFlight.add(run)
  void run.finally(() => a.inFlight.delete(run))
}

/** Every reply a user would have seen for `q`, oldest first. */
export function repliesTo(a: Asker, q: Question): { at: number; content: string }[] {
  const shown = q.kind.startsWith('feishu')
    ? [...a.platform.shown.values()].filter((s) => s.target === q.id)
    : [...a.platform.shown.values()].filter((s) => s.target === q.shownKey)
  return [...shown, ...q.passive].sort((x, y) => x.at - y.at)
}
