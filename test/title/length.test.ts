import { describe, expect, it } from 'vitest'
import { SINGLES, graphemes, isEmoji, titleLength } from '../../src/title/length'

describe('titleLength in 小红书 units', () => {
  it('counts each ASCII character as half, rounding the total up', () => {
    expect(titleLength('abcd')).toBe(2)
    expect(titleLength('abc')).toBe(2)
    expect(titleLength('a')).toBe(1)
    expect(titleLength('iPhone 15')).toBe(5)
    expect(titleLength('')).toBe(0)
  })

  it('counts Chinese and full-width characters as one each', () => {
    expect(titleLength('小红书')).toBe(3)
    expect(titleLength('ＡＢＣ')).toBe(3)
    expect(titleLength('！，。')).toBe(3)
    expect(titleLength('１２３')).toBe(3)
  })

  it('counts a plain emoji as two', () => {
    expect(titleLength('🌸')).toBe(2)
    expect(titleLength('☀️')).toBe(2)
  })

  it('counts a ZWJ family as one emoji', () => {
    expect(graphemes('👨‍👩‍👧')).toHaveLength(1)
    expect(titleLength('👨‍👩‍👧')).toBe(2)
  })

  it('counts a flag, a keycap and a skin-toned emoji as one emoji each', () => {
    expect(titleLength('🇨🇳')).toBe(2)
    expect(titleLength('1️⃣')).toBe(2)
    expect(titleLength('👍🏽')).toBe(2)
    expect(titleLength('🇨🇳1️⃣👍🏽')).toBe(6)
  })

  it('adds up mixed text', () => {
    // 2 (👨‍👩‍👧) + 4 (周末野餐) + 1 (" 3" = ½ + ½) + 1 (个) + 2 (🧺)
    expect(titleLength('👨‍👩‍👧周末野餐 3个🧺')).toBe(10)
    // 7 ASCII = 3.5 → 4, plus 2 Chinese
    expect(titleLength('vlog 12天')).toBe(5)
  })

  it('does not treat digits, © or ® without emoji presentation as emoji', () => {
    expect(isEmoji('1')).toBe(false)
    expect(isEmoji('©')).toBe(false)
    expect(titleLength('©')).toBe(1)
    expect(isEmoji('❤️')).toBe(true)
  })
})

describe('graphemes without the segmenter', () => {
  it('takes a text of SINGLES characters apart exactly as Intl.Segmenter does', () => {
    const all: string[] = []
    for (const [lo, hi] of [[0x20, 0x7e], [0x3000, 0x303f], [0x4e00, 0x9fff], [0xff01, 0xff5e]] as const) {
      for (let c = lo; c <= hi; c++) if (SINGLES.test(String.fromCodePoint(c))) all.push(String.fromCodePoint(c))
    }
    const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' })
    // every character once, in order and reversed: a mark, joiner or prepended character among them would join a neighbour
    for (const text of [all.join(''), [...all].reverse().join('')]) {
      expect(SINGLES.test(text)).toBe(true)
      expect(graphemes(text)).toEqual(Array.from(segmenter.segment(text), (s) => s.segment))
    }
    expect(SINGLES.test('〪')).toBe(false) // a combining tone mark inside the CJK punctuation block
    expect(graphemes('1\ufe0f\u20e3')).toEqual(['1\ufe0f\u20e3'])
  })
})
