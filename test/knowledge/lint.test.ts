import { beforeAll, describe, expect, it } from 'vitest'
import intentsFile from '../../knowledge/intents.json'
import tipsFile from '../../knowledge/tips.json'
import { lintKnowledge } from '../../src/knowledge/lint'

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
type IntentJson = (typeof intentsFile)['intents'][number]
const rules = (issues: { rule: string; severity: string }[], severity = 'error') => issues.filter((i) => i.severity === severity).map((i) => i.rule)

describe('knowledge lint', () => {
  it('passes the shipped knowledge files without errors', () => {
    expect(rules(lintKnowledge(intentsFile, tipsFile))).toEqual([])
  })

  it('reports a missing field with its path', () => {
    const broken = clone(intentsFile)
    delete (broken.intents[0] as Partial<IntentJson>).answer
    const issues = lintKnowledge(broken, tipsFile)
    expect(issues).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'schema', at: 'intents:intents.0.answer' }))
  })

  it('reports too few phrasings', () => {
    const broken = clone(intentsFile)
    broken.intents[1]!.phrasings = broken.intents[1]!.phrasings.slice(0, 3)
    expect(lintKnowledge(broken, tipsFile)).toContainEqual(expect.objectContaining({ rule: 'schema', at: 'intents:intents.1.phrasings' }))
  })

  it('reports a phrasing that matches another intent better than its own', () => {
    const broken = clone(intentsFile)
    const localLife = broken.intents.find((i) => i.id === 'local-life')!
    localLife.phrasings.push('直播带货买手选品中心佣金gmv百大买手直播间')
    const issue = lintKnowledge(broken, tipsFile).find((i) => i.message.includes('直播带货买手'))
    expect(['phrasing-conflict', 'phrasing-weak']).toContain(issue?.rule)
    expect(issue?.message).toContain('live-commerce')
  })

  // The structural faults below are planted together in one copy and linted once: each lint run scores every
  // phrasing with the matcher (about a second), and each fault is found at its own path, so none hides another.
  describe('with several structural faults planted at once', () => {
    const broken = clone(intentsFile) as typeof intentsFile & { synonyms: Record<string, string[]> }
    broken.intents = broken.intents.filter((i) => i.id !== 'virtual-goods')
    for (const i of broken.intents) i.related = i.related.filter((r) => r !== 'virtual-goods')
    broken.intents[0]!.related.push('no-such-intent')
    const danglingAt = `intents[0].related[${broken.intents[0]!.related.length - 1}]`
    broken.intents[2]!.phrasings.push(`${broken.intents[0]!.phrasings[0]!}？`)
    const duplicateAt = `intents[2].phrasings[${broken.intents[2]!.phrasings.length - 1}]`
    broken.synonyms['抖音']!.push('红薯')
    const tips = { tips: [...tipsFile.tips, { id: 't-unknown', text: '标题里放细分关键词', section: '二.2', intent: 'no-such-intent' }] }
    const unknownTipAt = `tips[${tips.tips.length - 1}].intent`
    let issues: ReturnType<typeof lintKnowledge> = []
    beforeAll(() => {
      issues = lintKnowledge(broken, tips)
    })

    it('reports a related id that points nowhere', () => {
      expect(issues).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'dangling-related', at: danglingAt }))
    })

    it('reports a phrasing used by two intents', () => {
      expect(issues).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'duplicate-phrasing', at: duplicateAt }))
    })

    it('reports a missing catalog intent', () => {
      expect(issues).toContainEqual(expect.objectContaining({ rule: 'missing-intent', message: expect.stringContaining('virtual-goods') }))
    })

    it('reports a tip whose intent is unknown', () => {
      expect(issues).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'tip-unknown-intent', at: unknownTipAt }))
    })

    it('warns (without failing) about a variant listed under two canonical terms', () => {
      expect(rules(issues)).toContain('synonym-conflict')
      expect(issues.find((i) => i.rule === 'synonym-conflict')?.message).toContain('红薯')
    })
  })
})
