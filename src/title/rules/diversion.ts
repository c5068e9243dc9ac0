import type { TitleContext } from '../context'
import { allowedSpans, findPatterns, insideAny } from '../find-terms'
import { fold, originalOf, type Span } from '../normalized'
import type { TitleIssue } from '../types'
import type { DiversionTerm } from '../words'

export interface DiversionHit extends Span {
  entry: DiversionTerm | { term: 'phone'; severity: 'error'; kind: 'phone' }
}

// People dodge filters with "v x", "微.信", "V-信"; allow one run of these between letters.
const SEP = '[\\s._\\-*·•|/~～]*'
const PHONE = /(?<!\d)1[\s\-.]?[3-9](?:[\s\-.]?\d){9}(?!\d)/g

const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const compiled = new WeakMap<DiversionTerm, RegExp>()
function patternOf(entry: DiversionTerm): RegExp {
  let re = compiled.get(entry)
  if (!re) {
    const term = fold(entry.term)
    // Latin ends must stand alone (vx, qq) so "vlog" or "wxyz" do not fire; digits may follow (vx123).
    const body = Array.from(term, escape).join(SEP)
    const head = /^[a-z]/.test(term) ? '(?<![a-z])' : /^\d/.test(term) ? '(?<![0-9])' : ''
    const tail = /[a-z]$/.test(term) ? '(?![a-z])' : /\d$/.test(term) ? '(?![0-9])' : ''
    const source = `${head}${body}${tail}`
    re = new RegExp(source, 'g')
    compiled.set(entry, re)
  }
  re.lastIndex = 0
  return re
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
  const { text } = ctx.norm
  const allowed = allowedSpans(ctx.norm, ctx.words.diversion.allow)
  const hits: DiversionHit[] = []
  for (const entry of ctx.words.diversion.terms) {
    for (const m of text.matchAll(patternOf(entry))) {
      const span = { start: m.index, end: m.index + m[0].length }
      if (!insideAny(span, allowed)) hits.push({ ...span, entry })
    }
  }
  hits.push(...findPatterns(ctx.norm, ctx.words.diversion.patterns, ctx.words.diversion.allow, (p) => ({
    term: p.name, severity: p.severity, kind: p.kind,
  })))
  if (ctx.words.diversion.phone) {
    for (const m of text.matchAll(PHONE)) {
      hits.push({ start: m.index, end: m.index + m[0].length, entry: { term: 'phone', severity: 'error', kind: 'phone' } })
    }
  }
  return mergeOverlapping(hits)
}

const WHY = {
  contact: '是站外联系方式/私下引流，小红书会限流甚至处罚',
  shop: '是其他购物平台，标题里提到会被判站外导流',
  platform: '是其他内容平台，容易被当作导流、降低推荐',
  phone: '像是手机号，属于站外联系方式，小红书会限流甚至处罚',
} as const

/** Sending readers off-platform: contact handles, phone numbers, QR codes, groups, other platforms. */
export function diversionRule(ctx: TitleContext): TitleIssue[] {
  return findDiversion(ctx).map((hit) => {
    const match = originalOf(ctx.norm, hit)
    return {
      rule: 'diversion',
      severity: hit.entry.severity,
      match,
      message: `「${match}」${WHY[hit.entry.kind]}`,
      suggestion: hit.entry.kind === 'shop'
        ? `删掉「${match}」；想带货用小红书店铺或商品笔记`
        : `删掉「${match}」；想沉淀私域用小红书自带的私信、群聊，别写在标题里`,
    }
  })
}
