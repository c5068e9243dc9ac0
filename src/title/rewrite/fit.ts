import { graphemes, isEmoji, rawUnits, TITLE_LIMIT } from '../length'
import { assemble, clausesOf } from './clauses'
import { editClause } from './fluency'
import { tidy } from './repair'

/** Adverbs a title can lose without changing what it says (终于学会了 → 学会了). */
const SPARE = ['真的', '非常', '超级', '终于', '整整', '简直', '实在', '其实', '居然', '竟然', '一下子', '全部', '满满的', '特意', '专门', '一点点']
const ENGLISH_TAIL = /\b(?:for|to|with|and|or|of|in|at|the|a|an|on|by|from|my|your|our|this|that|is|are)$/i

const fits = (text: string, room: number) => rawUnits(text) <= room
const contentOf = (text: string) => text.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '').length

/** Removes spare adverbs one at a time until the text fits; null if it still does not. */
function withoutSpareWords(text: string, room: number): string | null {
  let out = text
  for (const word of SPARE) {
    if (fits(out, room)) break
    const clauses = clausesOf(out)
    const texts = clauses.map((c) => {
      const clause = out.slice(c.start, c.end)
      const at = clause.indexOf(word)
      if (at < 0) return clause
      return editClause(clause, [{ start: at, end: at + word.length, text: '' }]) ?? clause
    })
    out = tidy(assemble(out, clauses, texts))
  }
  return fits(out, room) ? out : null
}

/** Whole clauses, in order, that fit: those keeping the first clause (usually the topic) first, then the most content. */
function clauseSubsets(text: string, room: number): string[] {
  const clauses = clausesOf(text).slice(0, 10)
  const found: { text: string; content: number; first: boolean }[] = []
  for (let mask = 1; mask < 1 << clauses.length; mask++) {
    const texts = clauses.map((c, i) => (mask & (1 << i) ? text.slice(c.start, c.end) : null))
    const out = tidy(assemble(text, clauses, texts))
    if (out && fits(out, room)) found.push({ text: out, content: contentOf(out), first: (mask & 1) === 1 })
  }
  found.sort((a, b) => Number(b.first) - Number(a.first) || b.content - a.content)
  return [...new Set(found.map((f) => f.text))]
}

/** English runs are cut between words, never after "for" or "the". */
function englishPrefix(text: string, room: number): string | null {
  if (/[^\x20-\x7e]/.test(text)) return null
  const words = text.split(/\s+/)
  for (let n = words.length - 1; n > 0; n--) {
    const out = words.slice(0, n).join(' ').replace(/[,;:\-]+$/, '')
    if (fits(out, room) && !ENGLISH_TAIL.test(out)) return out
  }
  return null
}

/**
 * Ways to bring the text within `room` units without cutting inside a word: drop the closing
 * punctuation and extra emoji, spare adverbs, then whole clauses. Empty when none fits.
 */
export function fitted(text: string, room = TITLE_LIMIT): string[] {
  if (fits(text, room)) return [text]
  const bare = tidy(text.replace(/[！!？?~～。.…\s]+$/u, ''))
  if (fits(bare, room)) return [bare]
  const noEmoji = tidy(graphemes(bare).filter((g) => !isEmoji(g)).join(''))
  if (fits(noEmoji, room)) return [noEmoji]
  const spare = withoutSpareWords(noEmoji, room)
  const out = spare ? [spare] : []
  out.push(...clauseSubsets(noEmoji, room).slice(0, 2))
  const english = englishPrefix(noEmoji, room)
  if (english) out.push(english)
  return [...new Set(out)]
}
