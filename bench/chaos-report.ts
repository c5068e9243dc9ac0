// Judging a chaos run: per phase, did every question get exactly one reply in time, and how fast was the ack.
import { repliesTo, type Asker } from './chaos-ask'
import type { Question } from './chaos-traffic'

export interface PhaseRow {
  phase: string
  questions: number
  exactlyOnce: number
  duplicated: number
  missing: number
  /** Slowest first reply, ms after the question was first pushed. */
  slowestMs: number
  ackP50: number
  ackP99: number
  ackMax: number
  /** Pushes answered with something other than 200, or not answered within 3 s. */
  notAcked: number
  pushes: number
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

export function judge(a: Asker, questions: Question[], phases: string[]): PhaseRow[] {
  return phases.map((phase) => {
    const qs = questions.filter((q) => q.phase === phase)
    const acks = questions.flatMap((q) => q.acks.filter((k) => k.phase === phase))
    const ms = acks.map((k) => k.ms).sort((x, y) => x - y)
    const counts = qs.map((q) => repliesTo(a, q))
    return {
      phase,
      questions: qs.length,
      exactlyOnce: counts.filter((r) => r.length === 1).length,
      duplicated: counts.filter((r) => r.length > 1).length,
      missing: counts.filter((r) => r.length === 0).length,
      slowestMs: Math.max(0, ...qs.map((q, i) => (counts[i]![0] ? counts[i]![0]!.at - q.sentAt : 0))),
      ackP50: quantile(ms, 0.5),
      ackP99: quantile(ms, 0.99),
      ackMax: ms.at(-1) ?? 0,
      notAcked: acks.filter((k) => k.status !== 200).length,
      pushes: acks.length,
    }
  })
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`)

export function phaseTable(rows: PhaseRow[]): string {
  const head = ['phase', 'questions', 'exactly 1 reply', 'dup', 'missing', 'slowest reply', 'ack p50', 'ack p99', 'ack max', 'not acked / pushes']
  const body = rows.map((r) => [
    r.phase,
    String(r.questions),
    `${r.exactlyOnce}/${r.questions}`,
    String(r.duplicated),
    String(r.missing),
    fmtMs(r.slowestMs),
    fmtMs(r.ackP50),
    fmtMs(r.ackP99),
    fmtMs(r.ackMax),
    `${r.notAcked}/${r.pushes}`,
  ])
  return table(head, body)
}

export function table(head: string[], body: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n')
}
