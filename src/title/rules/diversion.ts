import { memoized, type TitleContext } from '../context'
import { allowedSpans, findPatterns, insideAny } from '../find-terms'
import { fold, originalOf, type Span } from '../normalized'
import type { TitleIssue } from '../types'
import type { DiversionTerm } from '../words'

type DiversionEntry = Pick<DiversionTerm, 'term' | 'reason' | 'kind' | 'severity'>
export interface DiversionHit extends Span {
  entry: DiversionEntry
}

// People dodge filters with "v x", "微.信", "微❤信": allow a short run of these between the letters of a contact word.
const SEP = '(?:[\\s._\\-—*·•|/\\\\~～^@#&+=]|\\p{Extended_Pictographic}|\\ufe0f|\\u200d){0,3}'
const MOBILE = /(?<!\d)(?:\+?86[\s\-]?)?1[\s\-.]?[3-9](?:[\s\-.]?\d){9}(?!\d)/g
const PHONE_ENTRY: DiversionEntry = { term: 'phone', reason: '手机号', kind: 'contact', severity: 'error' }

const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

interface Compiled {
  re: RegExp
  /** every character of the folded term: a match holds each of them, so a text missing one cannot match */
  chars: string[]
}

const compiled = new WeakMap<DiversionTerm, Compiled>()
function compiledOf(entry: DiversionTerm): Compiled {
  let c = compiled.get(entry)
  if (!c) {
    const term = fold(entry.term)
    // Only contact words are disguised; 北京 东京 must not read as 京东.
    const body = Array.from(term, escape).join(entry.kind === 'contact' ? SEP : '')
    // Latin ends must stand alone (vx, qq) so "vlog" or "wxyz" do not fire; digits may follow (vx123).
    const head = /^[a-z]/.test(term) ? '(?<![a-z])' : /^\d/.test(term) ? '(?<![0-9])' : ''
    const tail = /[a-z]$/.test(term) ? '(?![a-z])' : /\d$/.test(term) ? '(?![0-9])' : ''
    c = { re: new RegExp(`${head}${body}${tail}`, 'gu'), chars: [...new Set(term)] }
    compiled.set(entry, c)
  }
  c.re.lastIndex = 0
  return c
}

const RANK = { error: 0, warn: 1, info: 2 } as const

/** "加 V 信" hits both 加v and v信: report it once, as the whole span, with the stronger severity. */
function mergeOverlapping(hits: DiversionHit[]): DiversionHit[] {
  const out: DiversionHit[] = []
  for (const hit of [...hits].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1]
    if (last && hit.start < last.end) {
      last.end = Math.max(last.end, hit.end)
      if (RANK[hit.entry.severity] < RANK[last.entry.severity]) last.entry = hit.entry
    } else out.push({ ...hit })
  }
  return out
}

export function findDiversion(ctx: TitleContext): DiversionHit[] {
  return memoized(ctx, 'diversion', () => findDiversionUncached(ctx))
}

function findDiversionUncached(ctx: TitleContext): DiversionHit[] {
  const { text } = ctx.norm
  const list = ctx.words.diversion
  const allowed = allowedSpans(ctx.norm, list)
  const hits: DiversionHit[] = []
  for (const entry of list.terms) {
    // Most titles hold few of the ~230 terms' characters; skipping those terms skips most of the regex runs.
    const { re, chars } = compiledOf(entry)
    if (!chars.every((ch) => text.includes(ch))) continue
    for (const m of text.matchAll(re)) {
      const span = { start: m.index, end: m.index + m[0].length }
      if (!insideAny(span, allowed)) hits.push({ ...span, entry })
    }
  }
  hits.push(...findPatterns(ctx.norm, list.patterns, list, (p): DiversionEntry => ({
    term: p.name, reason: p.reason, kind: p.kind, severity: p.severity,
  })))
  if (list.phone) {
    for (const m of text.matchAll(MOBILE)) hits.push({ start: m.index, end: m.index + m[0].length, entry: PHONE_ENTRY })
  }
  return mergeOverlapping(hits)
}

const EFFECT = {
  contact: '属于站外引流，小红书会限流甚至处罚',
  shop: '标题里提到其他购物平台，会被判站外导流',
  platform: '提到其他内容平台，容易被当作导流、降低推荐',
} as const

/** Sending readers off-platform: contact handles, phone numbers, QR codes, groups, other platforms. */
export function diversionRule(ctx: TitleContext): TitleIssue[] {
  return findDiversion(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    const { kind, reason, severity } = hit.entry
    return {
      rule: 'diversion',
      severity,
      match,
      message: `「${match}」是${reason}，${EFFECT[kind]}`,
      suggestion: kind === 'contact'
        ? `删掉「${match}」；资料、价格直接写进笔记正文或图片里，读者有问题会在评论区问`
        : `删掉「${match}」，只写东西本身（品名、价格、用了多久）`,
    }
  })
}
