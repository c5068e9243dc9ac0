import { describe, expect, it } from 'vitest'
import { buildLexicon, extractFeatures } from '../../src/matcher/features'
import { IdTable } from '../../src/matcher/id-table'

describe('features', () => {
  const lexicon = buildLexicon(['蒲公英', 'gmv'])

  it('spells Han unigrams, bigrams, ASCII words and lexicon terms with their counts, in first-seen order', () => {
    const f = extractFeatures('蒲公英 gmv 蒲公英的标题', lexicon)
    expect([...f]).toEqual([
      ['u:蒲', 2], ['l:蒲公英', 2], ['u:公', 2], ['b:蒲公', 2], ['u:英', 2], ['b:公英', 2], ['l:gmv', 1], ['w:gmv', 1],
      ['u:标', 1], ['u:题', 1], ['b:标题', 1],
    ])
  })

  it('adds trigrams and skip-bigrams only when asked', () => {
    const f = extractFeatures('标题党', lexicon, { trigrams: true, skipBigrams: true })
    expect(f.get('t:标题党')).toBe(1)
    expect(f.get('s:标党')).toBe(1)
    expect(extractFeatures('标题党', lexicon).has('t:标题党')).toBe(false)
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
