import { describe, expect, it } from 'vitest'
import { analyzeTitle, checkTitle, isFlagged, NOTES } from '../../src/title'
import { titleLength } from '../../src/title/length'
import { loadTitleSet, TITLE_SETS } from './labelled'

const WORD_RULES = new Set(['ad-law', 'diversion', 'negative-tone'])
const wordFlags = (text: string) => analyzeTitle(text).issues.filter((i) => isFlagged(i) && WORD_RULES.has(i.rule))

const rows = Object.values(TITLE_SETS).flatMap((file) => loadTitleSet(file))

describe('every suggestion for every labelled title', () => {
  const reports = rows.map((row) => ({ row, report: checkTitle(row.title, { keywords: row.keywords }) }))

  it('passes the checker itself: no error or warning, within 20 units', () => {
    let count = 0
    const bad: string[] = []
    for (const { row, report } of reports) {
      for (const s of report.suggestions) {
        count++
        const again = checkTitle(s, { keywords: row.keywords })
        const problems = again.issues.filter(isFlagged).map((i) => `${i.rule}:${i.match ?? ''}`)
        if (problems.length || titleLength(s) > 20) bad.push(`${row.title} → ${s} (${problems.join(', ')}; ${titleLength(s)} units)`)
      }
    }
    const flagged = reports.filter(({ report }) => report.issues.some(isFlagged)).length
    const rewritten = reports.filter(({ report }) => report.suggestions.length).length
    const advised = reports.filter(({ report }) => report.issues.some((i) => i.rule === NOTES.rewrite)).length
    console.log(`${rows.length} titles, ${flagged} flagged: ${rewritten} rewritten (${count} suggestions), ${advised} given advice instead`)
    expect(bad).toEqual([])
    expect(count).toBeGreaterThan(150)
  })

  it('gives either rewrites or advice for every flagged title, never both, never for a clean one', () => {
    for (const { row, report } of reports) {
      const advice = report.issues.some((i) => i.rule === NOTES.rewrite)
      if (report.issues.some(isFlagged)) expect(report.suggestions.length > 0 !== advice, row.title).toBe(true)
      else expect(report.suggestions.length + Number(advice), row.title).toBe(0)
    }
  })

  it('never advises what a rule flags (the quoted problem aside)', () => {
    const bad: string[] = []
    for (const { report } of reports) {
      for (const issue of report.issues) {
        let text = issue.suggestion ?? ''
        if (issue.match) text = text.split(`「${issue.match}」`).join('')
        // The rewrite advice quotes the flagged words it is about; those quotes are not advice.
        if (issue.rule === NOTES.rewrite) text = text.replace(/「[^」]*」/gu, '')
        const hits = wordFlags(text)
        if (hits.length) bad.push(`${issue.rule}: ${issue.suggestion} ⟵ ${hits.map((h) => h.match).join(', ')}`)
      }
    }
    expect(bad).toEqual([])
  })
})

describe('rewrites a creator would post', () => {
  const first = (title: string, keywords?: string[]) => checkTitle(title, { keywords }).suggestions[0]

  it('replaces whole phrases with fluent ones', () => {
    expect(first('这是我用过最好的洗面奶')).toBe('这是我很喜欢的洗面奶')
    expect(first('最受欢迎的5款宿舍小电器')).toBe('很受欢迎的5款宿舍小电器')
    expect(first('黑心装修公司坑了我3万')).toBe('装修公司坑了我3万')
    expect(first('被房东气死了，押金一分不退')).toBe('被房东气到了，押金一分不退')
  })

  it('drops a contact handle together with its call to action', () => {
    expect(first('私信我领取完整健身计划')).toBe('完整健身计划')
    expect(first('考研资料整理好了，vx领取')).toBe('考研资料整理好了')
    const diverting = checkTitle('vx：abc123 加我 领资料')
    for (const s of diverting.suggestions) expect(s).not.toMatch(/加我|vx/iu)
  })

  it('drops a clause that cannot be fixed in place rather than breaking it', () => {
    expect(first('滚！别再给我推这种面膜了')).toBe('别再给我推这种面膜了')
    expect(first('论文被拒三次，崩溃了想死')).toBe('论文被拒三次')
  })

  it('puts a missing keyword in front', () => {
    expect(first('周末去了趟西湖边的小店', ['咖啡'])).toBe('咖啡｜周末去了趟西湖边的小店')
  })

  it('shortens at clause boundaries or by spare adverbs, never inside a word', () => {
    expect(first('从零开始学游泳的第14节课，我终于学会了换气')).toBe('从零开始学游泳的第14节课，我学会了换气')
    expect(checkTitle('小户型厨房改造全过程：从选橱柜到装灯带，预算一万五搞定').suggestions).toContain('小户型厨房改造全过程：预算一万五搞定')
    expect(first('Beginner-friendly sourdough bread recipe for weekend baking')).toBe('Beginner-friendly sourdough bread recipe')
  })

  it('gives advice instead of a title when no fluent rewrite exists', () => {
    for (const title of ['杭州西湖边三家人均五十元就能吃饱吃好的宝藏本地小馆子推荐', '喝这个茶能降血压降血糖', '随便拍拍', '加薇领取']) {
      const r = checkTitle(title)
      expect(r.suggestions, title).toEqual([])
      expect(r.issues.find((i) => i.rule === NOTES.rewrite)?.severity, title).toBe('info')
    }
  })

  it('does not produce the broken shapes of the old rewriter', () => {
    const titles = ['面霜推荐｜敏感肌也能用', '气死我了这家店太坑了', '一个月瘦了10斤', '加V领取最好用的面霜', '加我 领资料', '私信我领取完整版课表']
    for (const title of titles) {
      for (const s of checkTitle(title).suggestions) {
        expect(s).not.toMatch(/细节分享|亲测7天|【|我了|用的用的|加我|私信/u)
      }
    }
    expect(checkTitle('一个月瘦了10斤').issues.filter(isFlagged)).toEqual([])
  })
})
