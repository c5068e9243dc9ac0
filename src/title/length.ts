export const TITLE_LIMIT = 20

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' })
// Printable ASCII, CJK ideographs and punctuation, full-width forms: no two of these ever join into one grapheme
// (no marks, joiners or variation selectors among them), so most titles need no segmenter, which costs far more.
export const SINGLES = /^[\x20-\x7e\u3000-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff5e]*$/

/** User-perceived characters: a ZWJ family, a flag or a keycap is one. */
export function graphemes(text: string): string[] {
  return SINGLES.test(text) ? Array.from(text) : Array.from(segmenter.segment(text), (s) => s.segment)
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u
const PRESENTATION = /\p{Emoji_Presentation}|\uFE0F|\u20E3|\p{Regional_Indicator}/u

/** A grapheme shown as an emoji. Plain ©, ® or digits (text presentation) are not. */
export function isEmoji(grapheme: string): boolean {
  if (PRESENTATION.test(grapheme)) return true
  return PICTOGRAPHIC.test(grapheme) && grapheme.includes('\u200D')
}

/** Width of one grapheme in 小红书 units: ASCII ½, emoji 2, anything else 1. */
export function graphemeUnits(grapheme: string): number {
  if (isEmoji(grapheme)) return 2
  if (grapheme.length === 1 && grapheme.charCodeAt(0) < 0x80) return 0.5
  return 1
}

/** Exact (unrounded) width, for fitting text into the limit. */
export function rawUnits(text: string): number {
  let total = 0
  for (const g of graphemes(text)) total += graphemeUnits(g)
  return total
}

/** Title length as 小红书 counts it, rounded up. */
export function titleLength(text: string): number {
  return Math.ceil(rawUnits(text))
}
