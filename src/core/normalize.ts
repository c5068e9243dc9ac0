// Turns what people type into one canonical form before matching. Web APIs only (runs on Workers).

/** Names the bot is @-mentioned by; stripped even when no space follows ("@红书参谋新号能做吗"). */
const BOT_NAMES = ['红书参谋', 'xhs-coach', 'xhscoach']

const BOT_MENTION = new RegExp(`@(?:${BOT_NAMES.join('|')})`, 'giu')
// Feishu puts `@_user_1` placeholders in the text; other @names end at whitespace.
const PLACEHOLDER_MENTION = /@_user_\d+/giu
const OTHER_MENTION = /@\S{1,24}(?=\s|$)/gu
// Bracketed sticker codes such as [笑哭R] or [doge] that 小红书 / Feishu users paste.
const STICKER = /\[[^\]\s]{1,8}\]/gu
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{E0020}-\u{E007F}]/gu
// Anything that is not a letter or a number becomes a space.
const NOT_WORD = /[^\p{L}\p{N}]+/gu

/**
 * Full-width → half-width (NFKC), lower case, mentions, stickers, emoji and punctuation removed,
 * whitespace collapsed. "＠红书参谋  小红书还能做吗？？😭" → "小红书还能做吗".
 */
export function normalizeText(input: string): string {
  return input
    .normalize('NFKC')
    .replace(BOT_MENTION, ' ')
    .replace(PLACEHOLDER_MENTION, ' ')
    .replace(OTHER_MENTION, ' ')
    .replace(STICKER, ' ')
    .replace(EMOJI, ' ')
    .toLowerCase()
    .replace(NOT_WORD, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** canonical → variants, as in the knowledge file. */
export type SynonymTable = Record<string, string[]>

interface Rewrite {
  from: string
  to: string
  ascii: boolean
}

export interface SynonymRewriter {
  (normalized: string): string
}

const ASCII_WORD = /^[a-z0-9]+$/
const isAsciiWordChar = (ch: string | undefined) => ch !== undefined && /[a-z0-9]/.test(ch)

/**
 * Builds a rewriter that replaces every variant with its canonical term, longest variant first,
 * in a single left-to-right pass (so "接广告" stays itself and is not read as "接广" + "告").
 * ASCII variants only match whole words ("red" but not "reddit").
 */
export function synonymRewriter(table: SynonymTable): SynonymRewriter {
  const rewrites: Rewrite[] = []
  for (const [canonical, variants] of Object.entries(table)) {
    const to = normalizeText(canonical)
    for (const term of [canonical, ...variants]) {
      const from = normalizeText(term)
      if (from) rewrites.push({ from, to, ascii: ASCII_WORD.test(from) })
    }
  }
  rewrites.sort((a, b) => b.from.length - a.from.length)
  const byFirstChar = new Map<string, Rewrite[]>()
  for (const r of rewrites) {
    const first = r.from[0] as string
    const list = byFirstChar.get(first) ?? []
    list.push(r)
    byFirstChar.set(first, list)
  }

  return (text: string) => {
    let out = ''
    let i = 0
    outer: while (i < text.length) {
      const candidates = byFirstChar.get(text[i] as string)
      if (candidates) {
        for (const r of candidates) {
          if (!text.startsWith(r.from, i)) continue
          if (r.ascii && (isAsciiWordChar(text[i - 1]) || isAsciiWordChar(text[i + r.from.length]))) continue
          out += r.to
          i += r.from.length
          continue outer
        }
      }
      out += text[i]
      i++
    }
    return out
  }
}
