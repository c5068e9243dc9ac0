import type { TitleContext } from './context'
import { graphemes, isEmoji, rawUnits, cutToUnits, TITLE_LIMIT } from './length'
import { fold, originalEnd, originalStart } from './normalized'
import { findAdLaw } from './rules/ad-law'
import { findDiversion } from './rules/diversion'
import { isLate, keywordPlaces } from './rules/missing-keyword'
import { findNegative } from './rules/negative-tone'
import { hasNumberDetail, vaguePhrases } from './rules/vague'

interface Edit { start: number; end: number; text: string }

const TRIM = /^[\s|｜,，、。.:：;；!！?？~～\-—_+]+|[\s|｜,，、:：;；\-—_+]+$/gu
// Words that only make sense next to a contact handle we removed ("加vx", "联系微信", "vx：abc123").
const CONTACT_BEFORE = /(?:添加|联系|加|\+|找|戳|私)$/u
const CONTACT_AFTER = /^[\s:：]*[a-z0-9_\-]*/i

function applyEdits(text: string, edits: Edit[]): string {
  let out = text
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

function tidy(text: string): string {
  return text
    .replace(/\s{2,}/g, ' ')
    .replace(/([！？，。、｜：])\s+/gu, '$1')
    .replace(/的的/g, '的')
    .replace(/([|｜,，、!！?？~～])(?:\s*[|｜,，、!！?？~～])+/gu, '$1')
    .replace(/([!！?？~～。.…])\1+/gu, '$1')
    .replace(TRIM, '')
    .trim()
}

/** The title with banned words replaced, diversion and hard negatives removed. */
export function repairedTitle(ctx: TitleContext): string {
  const n = ctx.norm
  const at = (span: { start: number; end: number }) => ({ start: originalStart(n, span), end: originalEnd(n, span) })
  const edits: Edit[] = []
  for (const hit of findAdLaw(ctx)) edits.push({ ...at(hit), text: hit.entry.replacement })
  for (const hit of findNegative(ctx)) {
    if (hit.entry.severity !== 'info') edits.push({ ...at(hit), text: hit.entry.replacement })
  }
  for (const hit of findDiversion(ctx)) {
    let { start, end } = at(hit)
    if (hit.entry.kind === 'contact' || hit.entry.kind === 'phone') {
      const before = CONTACT_BEFORE.exec(ctx.title.slice(0, start))
      if (before) start -= before[0].length
      end += CONTACT_AFTER.exec(ctx.title.slice(end))?.[0].length ?? 0
    }
    edits.push({ start, end, text: ' ' })
  }
  // Overlapping edits would garble the text; keep the first of any overlapping pair.
  const kept: Edit[] = []
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e)
  }
  return tidy(keepFirstEmoji(applyEdits(ctx.title, kept)))
}

/** Emoji cost two units and carry no search words; one is enough for a little warmth. */
function keepFirstEmoji(text: string): string {
  let seen = false
  return graphemes(text).filter((g) => !isEmoji(g) || (!seen && (seen = true))).join('')
}

/** Moves late or missing keywords to the front: "咖啡｜…". */
export function keywordFirst(ctx: TitleContext, title: string): string {
  const moved: string[] = []
  let rest = title
  for (const place of keywordPlaces(ctx)) {
    const present = fold(rest).includes(fold(place.keyword))
    if (present && !isLate(ctx, place)) continue
    if (present) {
      const i = fold(rest).indexOf(fold(place.keyword))
      rest = tidy(rest.slice(0, i) + rest.slice(i + place.keyword.length))
    }
    moved.push(place.keyword)
  }
  return moved.length ? tidy(`${moved.join('')}｜${rest}`) : rest
}

function withoutVague(ctx: TitleContext, title: string): string {
  let out = title
  for (const p of vaguePhrases(ctx)) {
    const i = fold(out).indexOf(fold(p))
    if (i >= 0) out = out.slice(0, i) + ' ' + out.slice(i + p.length)
  }
  return tidy(out)
}

const PAUSE = /[|｜,，、。!！?？~～\s]/u

/** Cuts to fit, preferring a comma or bar in the second half over cutting mid-phrase. */
function cutAtPause(text: string, room: number): string {
  const cut = cutToUnits(text, room)
  const gs = graphemes(cut)
  for (let i = gs.length - 1; i >= gs.length / 2; i--) if (PAUSE.test(gs[i] ?? '')) return gs.slice(0, i).join('')
  return cut
}

/** Fits `core` + `tail` into the limit: drops emoji first, then cuts the core. */
export function fit(core: string, tail = ''): string {
  const room = TITLE_LIMIT - rawUnits(tail)
  let body = tail ? core.replace(/[!！?？~～。.,，、:：]+$/u, '') : core
  if (rawUnits(body) > room) body = tidy(graphemes(body).filter((g) => !isEmoji(g)).join(''))
  if (rawUnits(body) > room) body = tidy(cutAtPause(body, room))
  return body ? `${body}${tail}` : ''
}

const DETAIL_TAILS = ['｜3个细节分享', '｜亲测7天的真实感受'] as const
const BLANK_TEMPLATES = ['【主题】亲测30天的真实感受', '【地点】3个私藏角落分享', '【人物】的1天：3个小细节'] as const

/**
 * Up to three rewrites: the repaired title with keywords first, then the same with a concrete
 * detail template ("亲测…天", "3个…"). Numbers are placeholders the creator swaps for real ones.
 */
export function suggestTitles(ctx: TitleContext, flagged: boolean): string[] {
  const repaired = keywordFirst(ctx, repairedTitle(ctx))
  const core = withoutVague(ctx, repaired)
  const out: string[] = []
  if (core.replace(/[|｜\s]/g, '').length < 2) {
    // Nothing concrete survives: offer fill-in templates instead of echoing the empty title.
    const lead = ctx.keywords.join('')
    out.push(...BLANK_TEMPLATES.map((t) => fit(lead ? t.replace(/^【[^】]+】/, lead) : t)))
  } else {
    if (flagged) out.push(fit(repaired))
    if (!hasNumberDetail(ctx)) for (const tail of DETAIL_TAILS) out.push(fit(core, tail))
    else if (flagged && core !== repaired) out.push(fit(core))
  }
  const input = ctx.title.trim()
  return [...new Set(out)].filter((t) => t && t !== input).slice(0, 3)
}
