// Accuracy of a matcher on a labelled set, by kind: in-scope top-1 (the labelled intent is answered) and
// off-topic fallback (intent null; small talk counts when its intent is null).
import type { Matcher } from '../../src/matcher/matcher'
import type { Labelled } from '../helpers/labelled'

export interface Rate {
  right: number
  total: number
}

export interface Accuracy {
  inScope: Rate
  offTopic: Rate
  byKind: Map<string, Rate>
}

export const rate = (r: Rate) => (r.total ? r.right / r.total : 1)
const show = (r: Rate) => `${r.right}/${r.total} = ${rate(r).toFixed(3)}`

export function accuracy(matcher: Matcher, questions: Labelled[]): Accuracy {
  const inScope: Rate = { right: 0, total: 0 }
  const offTopic: Rate = { right: 0, total: 0 }
  const byKind = new Map<string, Rate>()
  for (const q of questions) {
    const right = matcher.match(q.text).intent === q.intent
    const overall = q.intent === null ? offTopic : inScope
    const kind = q.kind ?? (q.intent === null ? 'off-topic' : 'in-scope')
    const k = byKind.get(kind) ?? { right: 0, total: 0 }
    byKind.set(kind, k)
    for (const r of [overall, k]) {
      r.total++
      if (right) r.right++
    }
  }
  return { inScope, offTopic, byKind }
}

export function report(name: string, a: Accuracy): string {
  const kinds = [...a.byKind].filter(([k]) => k !== 'in-scope').map(([k, r]) => `${k} ${show(r)}`).join(', ')
  return `${name}: in-scope top-1 ${show(a.inScope)}; off-topic fallback ${show(a.offTopic)} (${kinds})`
}
