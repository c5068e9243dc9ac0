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
  return plainNormalize(input) ?? fullNormalize(input)
}

function fullNormalize(input: string): string {
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

// Most text is Han characters, ASCII and common punctuation; for those NFKC and the mention, sticker
// and emoji rules change nothing but the punctuation, so one char-code pass gives the same result
// several times faster (index build normalises every phrasing). Anything else takes the full path.
const KEEP = 1
const UPPER = 2
const SEPARATOR = 3
const PLAIN = new Uint8Array(0x10000)
// fill (native), not loops a fresh isolate would interpret 28,000 times
PLAIN.fill(SEPARATOR, 0, 0x80)
PLAIN.fill(KEEP, 48, 57 + 1)
PLAIN.fill(KEEP, 97, 122 + 1)
PLAIN.fill(UPPER, 65, 90 + 1)
PLAIN[64] = 0 // @ starts a mention
PLAIN[91] = 0 // [ starts a sticker code
PLAIN.fill(KEEP, 0x4e00, 0x9fff + 1)
PLAIN.fill(KEEP, 0x3400, 0x4dbf + 1)
for (const ch of '，。？！：；、“”‘’（）《》【】…—～·「」『』〈〉\u3000') PLAIN[ch.charCodeAt(0)] = SEPARATOR

// Emoji in the pictograph blocks (U+1F300–U+1FAFF: no letters, no NFKC decomposition) are only separators, so a
// question with 🤔 or 😭 stays on the fast path; so do the emoji joiner and variation selector.
const PICTOGRAPHS_FROM = 0x1f300
const PICTOGRAPHS_TO = 0x1faff
PLAIN[0x200d] = SEPARATOR
PLAIN[0xfe0f] = SEPARATOR

function plainNormalize(input: string): string | undefined {
  let out = ''
  let runStart = -1
  let gap = false
  for (let i = 0; i <= input.length; i++) {
    const code = i < input.length ? input.charCodeAt(i) : 32
    let kind = PLAIN[code]
    let low = 0 // the low half of a surrogate pair, skipped after this step
    if (code >= 0xd800 && code <= 0xdbff) {
      const point = input.codePointAt(i) as number
      if (point < PICTOGRAPHS_FROM || point > PICTOGRAPHS_TO) return undefined
      kind = SEPARATOR
      low = 1
    }
    if (kind === KEEP || kind === UPPER) {
      if (runStart < 0) {
        if (gap && out) out += ' '
        gap = false
        runStart = i
      }
    } else if (kind === SEPARATOR) {
      if (runStart >= 0) out += input.slice(runStart, i).toLowerCase()
      runStart = -1
      gap = true
    } else {
      return undefined
    }
    i += low
  }
  return out
}

/** canonical → variants, as in the knowledge file. */
export type SynonymTable = Readonly<Record<string, readonly string[]>>

interface Rewrite {
  from: string
  to: string
  ascii: boolean
}

export interface SynonymRewriter {
  (normalized: string): string
}

const ASCII_WORD = /^[a-z0-9]+$/
const isAsciiWordCharAt = (s: string, i: number) => {
  const c = i >= 0 && i < s.length ? s.charCodeAt(i) : 0
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
}

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
  // by the char code of the first character (1 + index into `groups`, 0: none), so scanning a text builds no
  // one-character strings and looks each character up in a typed array, not a map (index build scans every phrasing)
  const groups: Rewrite[][] = []
  const groupOf = new Uint16Array(0x10000)
  for (const r of rewrites) {
    const first = r.from.charCodeAt(0)
    if (groupOf[first] === 0) groupOf[first] = groups.push([])
    groups[(groupOf[first] as number) - 1]!.push(r)
  }

  return (text: string) => {
    let out = ''
    let copied = 0 // text[copied .. i) is waiting to be copied unchanged
    let i = 0
    outer: while (i < text.length) {
      const group = groupOf[text.charCodeAt(i)] as number
      if (group > 0) {
        const candidates = groups[group - 1] as Rewrite[]
        for (const r of candidates) {
          if (!text.startsWith(r.from, i)) continue
          if (r.ascii && (isAsciiWordCharAt(text, i - 1) || isAsciiWordCharAt(text, i + r.from.length))) continue
          out += text.slice(copied, i) + r.to
          i += r.from.length
          copied = i
          continue outer
        }
      }
      i++
    }
    return copied === 0 ? text : out + text.slice(copied)
  }
}
