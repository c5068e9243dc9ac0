import { describe, expect, it } from 'vitest'
import { buildLexicon, collectFeatureKeys, FeatureKeys, KIND_BASE, WordIds, type Lexicon } from '../../src/matcher/features'
import { IdTable } from '../../src/matcher/id-table'

/** Spells feature keys the way a person reads them ("b:标题", "l:蒲公英"), from the documented key layout. */
function spell(text: string, lexicon: Lexicon): string[] {
  const words = new WordIds()
  const keys = new FeatureKeys()
  collectFeatureKeys(text, lexicon, words, true, keys)
  return Array.from(keys.keys.subarray(0, keys.length), (key) => {
    const kind = Math.floor(key / KIND_BASE)
    const p = key - kind * KIND_BASE
    if (kind === 0) return 'u:' + String.fromCharCode(p)
    if (kind === 1) return 'b:' + String.fromCharCode(Math.floor(p / 0x10000), p % 0x10000)
    if (kind === 2) return 'w:' + [...words.known.keys()][p]
    return 'l:' + lexicon.terms[p]
  })
}

describe('features', () => {
  const lexicon = buildLexicon(['蒲公英', 'gmv'])

  it('emits Han unigrams, bigrams, ASCII words and lexicon terms in text order', () => {
    expect(spell('蒲公英 gmv 蒲公英的标题', lexicon)).toEqual([
      'u:蒲', 'l:蒲公英', 'u:公', 'b:蒲公', 'u:英', 'b:公英', 'l:gmv', 'w:gmv',
      'u:蒲', 'l:蒲公英', 'u:公', 'b:蒲公', 'u:英', 'b:公英', 'u:标', 'u:题', 'b:标题',
    ])
  })

  it('makes no bigram across a particle and no unigram of a common character', () => {
    expect(spell('我的标题', lexicon)).toEqual(['u:标', 'u:题', 'b:标题'])
  })

  it('matches ASCII lexicon terms only as whole words', () => {
    expect(spell('gmvx', lexicon)).toEqual(['w:gmvx'])
  })
})

describe('IdTable', () => {
  it('numbers keys densely in first-seen order, across growth, up to 2^53', () => {
    const t = new IdTable(2)
    const keys = Array.from({ length: 1000 }, (_, k) => (k % 7) * 2 ** 48 + k * 65537)
    keys.push(2 ** 53 - 1)
    keys.forEach((key, k) => expect(t.intern(key)).toBe(k))
    keys.forEach((key, k) => expect(t.get(key)).toBe(k))
    expect(t.get(12345)).toBe(-1)
    t.clear()
    expect(t.get(keys[3] as number)).toBe(-1)
    expect(t.intern(keys[3] as number)).toBe(0)
  })
})
