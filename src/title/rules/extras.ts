import type { TitleContext } from '../context'
import { isEmoji } from '../length'
import type { TitleIssue } from '../types'

/** Below this a title is too short to say anything (warn). */
const WARN_UNITS = 4
/** Below this it may still be specific (大理骑行: a place and an activity), so only a note. */
const NOTE_UNITS = 6

/** Very short titles waste the search slot: little for search to match. */
export function tooShortRule(ctx: TitleContext): TitleIssue[] {
  if (ctx.length >= NOTE_UNITS) return []
  const severity = ctx.length === 0 ? 'error' : ctx.length < WARN_UNITS ? 'warn' : 'info'
  return [{
    rule: 'too-short',
    severity,
    message: ctx.length === 0
      ? '标题是空的'
      : severity === 'warn'
        ? `标题只有 ${ctx.length} 个字，能被搜到的词太少`
        : `标题只有 ${ctx.length} 个字，还有位置写一个具体细节`,
    suggestion: '用 10–20 个字写清主题、关键词和一个具体细节',
  }]
}

/** Emoji cost 2 units each and carry no search words. */
export function emojiOverloadRule(ctx: TitleContext): TitleIssue[] {
  const emoji = ctx.graphemes.filter(isEmoji)
  if (emoji.length < 4 && !(emoji.length >= 2 && emoji.length * 2 > ctx.length * 0.4)) return []
  return [{
    rule: 'emoji-overload',
    severity: 'warn',
    match: emoji.join(''),
    message: `用了 ${emoji.length} 个表情，每个占 2 个字，挤掉了能被搜到的关键词`,
    suggestion: '表情最多留 1–2 个，腾出位置写关键词和细节',
  }]
}

const RUN = /[!！?？~～。.,，、…]{3,}/u

/** "！！！！" and "。。。" read as shouting and eat units. */
export function punctuationRule(ctx: TitleContext): TitleIssue[] {
  const m = RUN.exec(ctx.title)
  if (!m) return []
  return [{
    rule: 'punctuation-overload',
    severity: 'info',
    match: m[0],
    message: `连续标点「${m[0]}」占字数、不带信息`,
    suggestion: '保留一个标点即可',
  }]
}
