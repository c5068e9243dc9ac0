import { CITE_DETAILS } from '../cite'
import type { TitleContext } from '../context'
import { graphemes, isEmoji } from '../length'
import { fold } from '../normalized'
import { findAdLaw } from './ad-law'
import { findDiversion } from './diversion'
import { findNegative } from './negative-tone'
import type { TitleIssue } from '../types'

const DIGIT = /([零一二三四五六七八九十百千万两]+)\s*(?:个|天|年|月|周|次|元|块|斤|kg|cm|步|种|款|套|件|家|条|本|道|分钟|小时|岁|w|k)/gu
const CONTENT = /[\p{Script=Han}]|[a-z]+|\d+/gu

/** The vague phrases present, as the creator typed them (normalized). */
export function vaguePhrases(ctx: TitleContext): string[] {
  const text = ctx.norm.text
  return ctx.words.vague.phrases.filter((p) => text.includes(fold(p)))
}

// The vague phrases and fillers, folded, longest first: the same for every title of a word list, so made once.
const dropped = new WeakMap<TitleContext['words']['vague'], string[]>()
function dropWords(vague: TitleContext['words']['vague']): string[] {
  let words = dropped.get(vague)
  if (!words) {
    words = [...vague.phrases, ...vague.fillers].map(fold).sort((a, b) => b.length - a.length)
    dropped.set(vague, words)
  }
  return words
}

/**
 * How many content pieces are left once vague phrases, fillers, emoji and punctuation go; with
 * `withoutNoise`, also without contact handles (vx), pure hype (全网最低, 第一) and outbursts (气死).
 * An efficacy claim (躺瘦) at least names what the note is about, so it always counts.
 */
export function detailCount(ctx: TitleContext, withoutNoise = false): number {
  const noise = withoutNoise
    ? [
        ...findDiversion(ctx),
        ...findAdLaw(ctx).filter((h) => h.entry.basis === '§9'),
        ...findNegative(ctx).filter((h) => h.entry.severity !== 'info'),
      ].sort((a, b) => b.start - a.start)
    : []
  let rest = ctx.norm.text
  for (const hit of noise) rest = rest.slice(0, hit.start) + ' '.repeat(hit.end - hit.start) + rest.slice(hit.end)
  rest = graphemes(rest).filter((g) => !isEmoji(g)).join('')
  for (const word of dropWords(ctx.words.vague)) if (rest.includes(word)) rest = rest.split(word).join(' ')
  let count = 0
  for (const m of rest.matchAll(CONTENT)) count += /[a-z\d]/.test(m[0]) ? 1 : m[0].length
  return count
}

export function hasNumberDetail(ctx: TitleContext): boolean {
  // A bare 一 (一天, 一个) is how Chinese says "a", not a concrete number.
  return /\d/.test(ctx.norm.text) || [...ctx.norm.text.matchAll(DIGIT)].some((m) => m[1] !== '一')
}

/** No subject, number, place, person or concrete detail. */
export function vagueRule(ctx: TitleContext): TitleIssue[] {
  const phrases = vaguePhrases(ctx)
  // Thin: too little content, or nothing at all besides hype, outbursts and contact handles (冲！！全网最低！！).
  const thin = !hasNumberDetail(ctx) && (detailCount(ctx) < ctx.words.vague.minDetail || detailCount(ctx, true) === 0)
  const match = phrases[0]
  if (thin) {
    return [{
      rule: 'vague',
      severity: 'warn',
      ...(match ? { match } : {}),
      message: `标题没有具体信息（主体、数字、地点、人物或细节），读者和搜索都不知道这篇讲什么；${CITE_DETAILS}`,
      suggestion: '写清“什么 + 具体细节”，如“3个…”“亲测…天”“人均…元”“在…（地点）”',
    }]
  }
  if (!match) return []
  return [{
    rule: 'vague',
    severity: 'info',
    match,
    message: `「${match}」不带信息，占了标题位置`,
    suggestion: `删掉「${match}」，换成一个具体细节（数字、地点或人物）`,
  }]
}
