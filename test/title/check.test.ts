import { describe, expect, it } from 'vitest'
import titleWordsJson from '../../knowledge/title-words.json'
import { checkTitle, isFlagged } from '../../src/title/check'
import { titleLength } from '../../src/title/length'
import { parseTitleWords } from '../../src/title/words'

const flagged = (title: string, keywords?: string[]) =>
  checkTitle(title, { keywords }).issues.filter(isFlagged).map((i) => `${i.rule}:${i.match ?? ''}`)

describe('checkTitle report shape', () => {
  it('returns exactly the interfaces.md fields', () => {
    const r = checkTitle('全网最低价！加vx领券')
    expect(Object.keys(r).sort()).toEqual(['issues', 'length', 'limit', 'score', 'suggestions', 'title'])
    expect(r.limit).toBe(20)
    for (const issue of r.issues) {
      expect(Object.keys(issue).every((k) => ['rule', 'severity', 'match', 'message', 'suggestion'].includes(k))).toBe(true)
      expect(['error', 'warn', 'info']).toContain(issue.severity)
    }
  })

  it('gives a clean, specific title a full score and no issues', () => {
    const r = checkTitle('咖啡探店｜杭州3家人均50的小店', { keywords: ['咖啡'] })
    expect(r.issues).toEqual([])
    expect(r.score).toBe(100)
  })

  it('lowers the score for each problem', () => {
    expect(checkTitle('最好的咖啡馆在杭州').score).toBeLessThan(100)
    expect(checkTitle('全网最低价！加vx领券').score).toBeLessThan(checkTitle('最好的咖啡馆在杭州').score)
  })
})

describe('rules', () => {
  it('quotes the exact ad-law words with a replacement', () => {
    const issue = checkTitle('这是我用过最好的洗面奶').issues.find((i) => i.rule === 'ad-law')
    expect(issue).toMatchObject({ severity: 'error', match: '最好' })
    expect(issue?.suggestion).toContain('很好用的')
    expect(issue?.message).toContain('第九条')
  })

  it('cites §17 for medical claims', () => {
    expect(checkTitle('这款面霜根治痘痘').issues[0]?.message).toContain('第十七条')
  })

  it('leaves everyday words with 最/第一 alone', () => {
    for (const t of ['最近第一次喝到这么香的手冲', '第一杯秋天的奶茶', '最后一天的西湖荷花', '新手小白的第一台相机']) {
      expect(flagged(t).filter((f) => f.startsWith('ad-law'))).toEqual([])
    }
  })

  it('catches disguised contact handles and spaced phone numbers', () => {
    expect(flagged('v x：abc123 领福利')).toContain('diversion:v x')
    expect(flagged('加 V 信领取资料')).toContain('diversion:加 V 信')
    expect(flagged('威信同号，欢迎交流')).toContain('diversion:威信')
    expect(flagged('联系 138 1234 5678')).toContain('diversion:138 1234 5678')
    expect(flagged('ＶＸ同号')).toContain('diversion:ＶＸ')
  })

  it('does not read dates or app names as diversion', () => {
    expect(flagged('2024年3月15日 杭州樱花')).toEqual([])
    expect(flagged('20240315 上海武康路')).toEqual([])
    expect(flagged('微信读书年度书单：52本')).toEqual([])
    expect(flagged('北京东城胡同散步路线')).toEqual([])
    expect(flagged('vlog｜在深圳上班的一天')).toEqual([])
  })

  it('warns on hostile words but only notes 避雷', () => {
    expect(flagged('黑心装修公司坑了我3万')).toContain('negative-tone:黑心')
    const r = checkTitle('避雷指南｜租房前要看的5个细节')
    expect(r.issues.find((i) => i.rule === 'negative-tone')?.severity).toBe('info')
  })

  it('warns when a keyword is missing and only notes when it is late', () => {
    expect(flagged('周末去了趟西湖边的小店', ['咖啡'])).toContain('missing-keyword:咖啡')
    const late = checkTitle('周末去了趟西湖边的小店，咖啡真的绝', { keywords: ['咖啡'] })
    expect(late.issues.find((i) => i.rule === 'missing-keyword')).toMatchObject({ severity: 'info', match: '咖啡' })
    expect(checkTitle('咖啡｜周末去了趟西湖边', { keywords: ['咖啡'] }).issues).toEqual([])
  })

  it('calls titles without any concrete detail vague, but not ones with a number', () => {
    expect(flagged('随便拍拍')).toContain('vague:随便拍拍')
    expect(flagged('今日份碎碎念')).toContain('vague:今日份碎碎念')
    expect(flagged('分享一下杭州3天2晚的路线')).toEqual([])
  })

  it('flags titles over 20 units', () => {
    const r = checkTitle('杭州西湖边三家人均五十元就能吃饱吃好的宝藏本地小馆子推荐')
    expect(r.issues[0]).toMatchObject({ rule: 'length', severity: 'error' })
  })
})

describe('suggested titles', () => {
  const cases: [string, string[]?][] = [
    ['全网最低价！加vx领券'], ['这是我用过最好的洗面奶'], ['随便拍拍'], ['杭州西湖边三家人均五十元就能吃饱吃好的宝藏本地小馆子推荐'],
    ['周末去了趟西湖边的小店，咖啡真的绝', ['咖啡']], ['🌸🌸🌸春天来了🌸🌸🌸杭州太子湾公园郁金香'], ['黑心装修公司坑了我3万'],
    ['v x：abc123 领福利'], ['最好用的面霜，淘宝搜同款'],
  ]

  it.each(cases)('for %s: at most three, each within 20 units, none the same as the input', (title, keywords) => {
    const { suggestions } = checkTitle(title, { keywords })
    expect(suggestions.length).toBeGreaterThan(0)
    expect(suggestions.length).toBeLessThanOrEqual(3)
    for (const s of suggestions) {
      expect(titleLength(s)).toBeLessThanOrEqual(20)
      expect(s).not.toBe(title)
      expect(s.trim()).not.toBe('')
    }
  })

  it('applies the replacement words and drops the diversion', () => {
    const [first] = checkTitle('这是我用过最好的洗面奶').suggestions
    expect(first).toBe('这是我用过很好用的洗面奶')
    const fixed = checkTitle('全网最低价！加vx领券').suggestions
    expect(fixed[0]).toBe('很划算的价格！领券')
    for (const s of fixed) expect(s).not.toMatch(/vx|最低/i)
  })

  it('moves a late keyword to the front', () => {
    const [first] = checkTitle('周末去了趟西湖边的小店，咖啡真的绝', { keywords: ['咖啡'] }).suggestions
    expect(first?.startsWith('咖啡')).toBe(true)
  })

  it('suggests a concrete detail when the title has no number', () => {
    expect(checkTitle('北京东城胡同散步路线').suggestions.some((s) => /\d个|亲测\d+天/.test(s))).toBe(true)
  })

  it('passes rewrites that are still clean', () => {
    for (const title of ['全网最低价！加vx领券', '这款面霜根治痘痘，淘宝有售', '黑心装修公司坑了我3万']) {
      for (const s of checkTitle(title).suggestions) {
        expect(flagged(s).filter((f) => !f.startsWith('vague'))).toEqual([])
      }
    }
  })
})

describe('knowledge/title-words.json', () => {
  it('validates against the schema with at least 100 ad-law terms, each with a replacement', () => {
    const words = parseTitleWords(titleWordsJson)
    expect(words.adLaw.terms.length).toBeGreaterThanOrEqual(100)
  })

  it('rejects a file that lists a term twice', () => {
    const bad = structuredClone(titleWordsJson) as { adLaw: { terms: unknown[] } }
    bad.adLaw.terms.push(bad.adLaw.terms[0])
    expect(() => parseTitleWords(bad)).toThrow(/twice/)
  })

  it('rejects an entry without a replacement', () => {
    const bad = structuredClone(titleWordsJson) as { adLaw: { terms: Record<string, unknown>[] } }
    delete bad.adLaw.terms[0]?.replacement
    expect(() => parseTitleWords(bad)).toThrow()
  })
})
