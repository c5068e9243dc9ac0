import { describe, expect, it } from 'vitest'
import titleWordsJson from '../../knowledge/title-words.json'
import { analyzeTitle, isFlagged } from '../../src/title'
import { parseTitleWords } from '../../src/title/words'

const WORD_RULES = new Set(['ad-law', 'diversion', 'negative-tone'])
const words = parseTitleWords(titleWordsJson)

describe('knowledge/title-words.json', () => {
  it('validates, with at least 100 ad-law terms, each with a reason and a replacement', () => {
    expect(words.adLaw.terms.length).toBeGreaterThanOrEqual(100)
    for (const list of [words.adLaw.terms, words.diversion.terms, words.negativeTone.terms]) {
      for (const t of list) {
        expect(t.reason.length, t.term).toBeGreaterThan(1)
        expect(typeof t.replacement, t.term).toBe('string')
      }
    }
  })

  it('covers the groups creators were missing', () => {
    const has = (section: { terms: { term: string }[] }, term: string) => section.terms.some((t) => t.term === term)
    for (const term of ['央视推荐', '包过', '无效退款', '开光', '招财', '转运', '风水', '无副作用', '立刻见效', '绝无仅有']) expect(has(words.adLaw, term), term).toBe(true)
    for (const term of ['gzh', '公主号', '扣扣', '私我', '绿泡泡']) expect(has(words.diversion, term), term).toBe(true)
    for (const term of ['猪脑子', '狗东西', '绝望', '想死']) expect(has(words.negativeTone, term), term).toBe(true)
  })

  it('has replacements that are themselves clean', () => {
    const bad: string[] = []
    const replacements = [
      ...words.adLaw.terms.map((t) => [t.term, t.replacement]),
      ...words.adLaw.patterns.map((p) => [p.name, p.replacement.replace(/\$\d/g, '')]),
      ...words.negativeTone.terms.map((t) => [t.term, t.replacement]),
      ...words.negativeTone.patterns.map((p) => [p.name, p.replacement]),
    ]
    for (const [term, replacement] of replacements) {
      if (!replacement) continue
      const hits = analyzeTitle(replacement).issues.filter((i) => isFlagged(i) && WORD_RULES.has(i.rule))
      if (hits.length) bad.push(`${term} → ${replacement}`)
    }
    expect(bad).toEqual([])
  })

  it('rejects a file that lists a term twice', () => {
    const bad = structuredClone(titleWordsJson) as { adLaw: { terms: unknown[] } }
    bad.adLaw.terms.push(bad.adLaw.terms[0])
    expect(() => parseTitleWords(bad)).toThrow(/twice/)
  })

  it('rejects an entry without a replacement or a reason', () => {
    for (const field of ['replacement', 'reason']) {
      const bad = structuredClone(titleWordsJson) as { adLaw: { terms: Record<string, unknown>[] } }
      delete bad.adLaw.terms[0]?.[field]
      expect(() => parseTitleWords(bad), field).toThrow()
    }
  })

  it('rejects a pattern that is not a valid regular expression', () => {
    const bad = structuredClone(titleWordsJson) as { adLaw: { allowPatterns: string[] } }
    bad.adLaw.allowPatterns.push('第一(?=次')
    expect(() => parseTitleWords(bad)).toThrow()
  })
})
