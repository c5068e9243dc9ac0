import type { TitleContext } from './context'
import { isFlagged } from './flagged'
import { rawUnits, titleLength, TITLE_LIMIT } from './length'
import { fold } from './normalized'
import { applyEdits, editsFor } from './rewrite/edits'
import { fitted } from './rewrite/fit'
import { repair, tidy, type Reach, type RepairMode } from './rewrite/repair'
import type { TitleIssue } from './types'

export interface Advice {
  message: string
  suggestion: string
}

export interface Rewrites {
  titles: string[]
  /** When no rewrite reads well: what to do instead (never a broken title). */
  advice?: Advice
}

/** Rules whose matches a rewrite removes or replaces. */
const FIXABLE = new Set(['ad-law', 'diversion', 'negative-tone'])
/** Shorter than this, a rewrite says too little to be a title. */
const MIN_UNITS = 5
/** A rewrite keeps at least this share of what the title said besides the flagged words. */
const MIN_KEPT = 0.4
/** Without its opening clause (usually the topic) a rewrite must keep more: half, and 6 characters. */
const HEADLESS_KEPT = 0.5
const HEADLESS_MIN = 6

const contentOf = (text: string) => text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '').length

interface Candidate {
  text: string
  headless: boolean
}

/** Keywords the creator asked for that a text lacks, to put in front: "咖啡｜…". */
function keywordPrefix(ctx: TitleContext, text: string): string {
  const missing = ctx.keywords.filter((k) => !fold(text).includes(fold(k)))
  return missing.length ? `${missing.join('')}｜` : ''
}

/**
 * A missing keyword that starts like a different word of the title (考研英语 for a 考研数学 title) is
 * probably the wrong keyword: putting it in front would contradict the title.
 */
function clashingKeyword(ctx: TitleContext): string | undefined {
  const text = fold(ctx.title)
  return ctx.keywords.find((k) => {
    const key = fold(k)
    return Array.from(key).length >= 3 && !text.includes(key) && text.includes(key.slice(0, 2))
  })
}

/**
 * Rewrites of one kind: every flagged phrase fixed in place (or its clause dropped) or every such
 * clause dropped; a shop name with its verb (拼多多买的) or alone (闲鱼). Shortened and keyword-led.
 */
function candidates(ctx: TitleContext, mode: RepairMode, reach: Reach): Candidate[] {
  const edits = editsFor(ctx)
  const repaired = edits.length ? repair(ctx.title, edits, mode, reach) : { text: tidy(ctx.title), headless: false }
  if (!repaired.text) return []
  const prefix = keywordPrefix(ctx, repaired.text)
  const texts = [...new Set(fitted(repaired.text, TITLE_LIMIT - rawUnits(prefix)).map((body) => tidy(prefix + body)))]
  // Shortening may also drop the opening clause: compare with what the repaired title started with.
  const opening = clauseHead(repaired.text)
  return texts.map((text) => ({ text, headless: repaired.headless || !text.replace(prefix, '').startsWith(opening) }))
}

const clauseHead = (text: string) => text.slice(0, Math.min(2, text.length))

function adviceFor(issues: readonly TitleIssue[], ctx: TitleContext, closest: string | undefined, issuesOf: (title: string) => TitleIssue[]): Advice {
  const rules = new Set(issues.filter(isFlagged).map((i) => i.rule))
  const fixable = issues.filter((i) => isFlagged(i) && FIXABLE.has(i.rule))
  const words = [...new Set(fixable.map((i) => i.match).filter((m): m is string => !!m && m.length > 1))].slice(0, 3)
  const named = words.map((w) => `「${w}」`).join('') || '有问题的词'
  if (rules.has('vague') || (rules.has('too-short') && rules.size === 1)) {
    return {
      message: '这个标题本身缺少具体内容，没法自动改写',
      suggestion: '重写成“主题 + 一个具体细节”，例如“杭州3家人均50的咖啡馆”“油皮用了30天的粉底液”',
    }
  }
  if (rules.size === 1 && rules.has('length')) {
    return {
      message: '这个标题删掉整句或修饰词也缩不到 20 字内，没有给出自动改写',
      suggestion: '只留一个主题和一个具体细节（数字、地点、时长），其余写进正文',
    }
  }
  // The closest rewrite reads fine but says too little: show it as a starting point, not as a title.
  const left = closest ? issuesOf(closest).filter(isFlagged) : []
  const short = !!closest && titleLength(closest) < MIN_UNITS
  const thin = !!closest && (left.length > 0 || short) && left.every((i) => i.rule === 'vague' || i.rule === 'too-short')
  if (thin) {
    return {
      message: `改掉${named}后只剩「${closest}」，缺少具体信息，所以没有直接给出改写`,
      suggestion: `在「${closest}」的基础上补一个具体细节：品名、数字、地点或你用了多久`,
    }
  }
  return {
    message: `去掉${named}后剩下的部分不成句，所以没有给出自动改写`,
    suggestion: '按上面每条的改法重写：保留你要讲的东西（品名、地点、数字），去掉夸大、导流和情绪化的说法',
  }
}

/**
 * Rewrites a creator could post: flagged phrases fixed in place where the sentence still reads well,
 * otherwise their clause dropped; then shortened at clause or word boundaries and led by missing
 * keywords. Every rewrite is checked again and kept only if it has no error or warning, fits 20 units
 * and keeps most of what the title said. When none survives, the result is advice instead.
 */
export function suggestTitles(ctx: TitleContext, issues: readonly TitleIssue[], issuesOf: (title: string) => TitleIssue[]): Rewrites {
  if (!issues.some(isFlagged)) return { titles: [] }
  const clash = clashingKeyword(ctx)
  if (clash) {
    return {
      titles: [],
      advice: {
        message: `标题讲的内容和关键词「${clash}」对不上，所以没有把关键词直接加在前面`,
        suggestion: `确认这篇要被搜到的词：是「${clash}」就围绕它重写标题，否则换成标题里真正讲的词`,
      },
    }
  }
  const input = ctx.title
  const said = contentOf(tidy(applyEdits(input, editsFor(ctx).map((e) => ({ ...e, text: '' })))))
  const usable = ({ text: t, headless }: Candidate) => {
    if (!t || t === input) return false
    const length = titleLength(t)
    if (length < MIN_UNITS || length > TITLE_LIMIT) return false
    const kept = contentOf(t)
    if (said > 0 && kept < said * MIN_KEPT) return false
    if (headless && (kept < HEADLESS_MIN || kept < said * HEADLESS_KEPT)) return false
    // 自营店买的 trails off; 这家火锅是成都很正宗的 (是…的) is a sentence.
    if (/的[！!？?~～。]*$/u.test(t) && !t.includes('是')) return false
    return !issuesOf(t).some(isFlagged)
  }
  // Dropping whole clauses loses more of what the creator wrote: only when fixing in place fails.
  for (const mode of ['in-place', 'drop'] as const) {
    for (const reach of ['wide', 'narrow'] as const) {
      const titles = candidates(ctx, mode, reach).filter(usable).map((c) => c.text)
      if (titles.length) return { titles: titles.slice(0, 2) }
    }
  }
  return { titles: [], advice: adviceFor(issues, ctx, candidates(ctx, 'in-place', 'wide')[0]?.text, issuesOf) }
}
