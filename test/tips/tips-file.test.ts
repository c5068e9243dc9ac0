import { describe, expect, it } from 'vitest'
import { TipsFileSchema } from '../../src/knowledge/knowledge'
import { stableHash } from '../../src/tips/schedule'
import tipsFile from '../../knowledge/tips.json'
import intentsFile from '../../knowledge/intents.json'

// The intent ids fixed by /work/shared/spec/intents.md.
const CATALOG = [
  'worth-doing', 'new-account', 'follower-vs-money', 'live-commerce', 'personal-brand', 'keyword-layout', 'local-life',
  'content-style', 'brand-cooperation', 'traffic-outlook', 'decentralization', 'new-industries', 'virtual-goods',
  'repurchase-private', 'account-safety', 'platform-compare', 'platform-basics', 'help',
]
// The launch set: tips without `since`. Changing it re-phases every chat's rotation (see src/tips/schedule.ts), so a new
// tip must carry `since` instead of changing these two numbers.
const LAUNCH_COUNT = 57
const LAUNCH_IDS_HASH = 2296591118

describe('knowledge/tips.json', () => {
  const { tips } = TipsFileSchema.parse(tipsFile)

  it('has at least 45 tips with unique ids', () => {
    expect(tips.length).toBeGreaterThanOrEqual(45)
    expect(new Set(tips.map((t) => t.id)).size).toBe(tips.length)
  })

  it('tags every tip with a catalog intent and a section of the article', () => {
    const known = new Set([...CATALOG, ...intentsFile.intents.map((i: { id: string }) => i.id)])
    for (const t of tips) {
      expect(t.intent === null || known.has(t.intent), t.id).toBe(true)
      expect(t.section, t.id).toMatch(/^(零|一|二|三|四)(\.\d)?\s\S/)
    }
  })

  it('keeps each tip short enough to read at a glance (one or two sentences)', () => {
    for (const t of tips) {
      expect(t.text.length, t.id).toBeLessThanOrEqual(90)
      expect(t.text.split(/[。！？]/).filter((s) => s.trim()).length, t.id).toBeLessThanOrEqual(2)
    }
  })

  it('keeps the launch set unchanged: new tips need a since date', () => {
    const launch = tips.filter((t) => !t.since).map((t) => t.id).sort()
    expect(launch.length, 'a tip was added without "since" or a launch tip was removed').toBe(LAUNCH_COUNT)
    expect(stableHash(launch.join('\n')), 'the launch tips changed ids').toBe(LAUNCH_IDS_HASH)
  })
})
