import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../../src/knowledge/knowledge'
import { CARD_LIMITS, cardSizeStats, renderFeishuCard } from '../../../src/platforms/feishu/card'
import { answerReply, fallbackReply, helpReply } from '../../../handlers/replies'

const knowledge = loadKnowledge()

function tags(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => tags(n, out))
  else if (node && typeof node === 'object') {
    const tag = (node as { tag?: unknown }).tag
    if (typeof tag === 'string') out.push(tag)
    Object.values(node).forEach((v) => tags(v, out))
  }
  return out
}

function buttons(card: Record<string, unknown>): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = []
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk)
    else if (n && typeof n === 'object') {
      if ((n as { tag?: unknown }).tag === 'button') found.push(n as Record<string, unknown>)
      Object.values(n).forEach(walk)
    }
  }
  walk(card)
  return found
}

describe('Feishu card 2.0 renderer', () => {
  it('renders an answer card', async () => {
    await expect(JSON.stringify(renderFeishuCard(answerReply(knowledge, 'keyword-layout')), null, 2)).toMatchFileSnapshot('__snapshots__/answer-card.json')
  })

  it('renders the fallback card', async () => {
    const reply = fallbackReply(knowledge, [{ intent: 'account-safety', score: 0.2 }, { intent: 'platform-basics', score: 0.1 }])
    await expect(JSON.stringify(renderFeishuCard(reply), null, 2)).toMatchFileSnapshot('__snapshots__/fallback-card.json')
  })

  it('renders the help card', async () => {
    await expect(JSON.stringify(renderFeishuCard(helpReply(knowledge)), null, 2)).toMatchFileSnapshot('__snapshots__/help-card.json')
  })

  it('declares schema 2.0 with update_multi and maps the tone to the header template', () => {
    const card = renderFeishuCard(fallbackReply(knowledge, []))
    expect(card.schema).toBe('2.0')
    expect(card.config).toMatchObject({ update_multi: true })
    expect(card.header).toMatchObject({ template: 'grey', title: { tag: 'plain_text', content: '这个我不确定' } })
  })

  it('puts the ButtonAction object in a callback behavior', () => {
    const card = renderFeishuCard(answerReply(knowledge, 'live-commerce'))
    const values = buttons(card).map((b) => (b.behaviors as { type: string; value: unknown }[])[0])
    expect(values).toContainEqual({ type: 'callback', value: { type: 'feedback', intent: 'live-commerce', vote: 'up' } })
    expect(values).toContainEqual({ type: 'callback', value: { type: 'ask', intent: 'brand-cooperation' } })
  })

  it('shows the source as a grey notation line that says it is based on a 2024 article', () => {
    const card = renderFeishuCard(answerReply(knowledge, 'local-life'))
    const text = JSON.stringify(card)
    expect(text).toContain('基于2024年文章')
    expect(text).toContain('"text_size":"notation"')
    expect(text).toContain('"text_color":"grey"')
  })

  const depths = [0, 1, 2]
  it.each(knowledge.intents.flatMap((i) => depths.map((d) => [i.id, d] as const)))(
    'keeps the %s card at depth %i within 30 KB and 200 elements, without note/action tags',
    (id, depth) => {
      const card = renderFeishuCard(answerReply(knowledge, id, { depth }))
      const stats = cardSizeStats(card)
      expect(stats.bytes).toBeLessThan(CARD_LIMITS.bytes)
      expect(stats.elements).toBeLessThanOrEqual(CARD_LIMITS.elements)
      expect(stats.elements).toBeGreaterThan(0)
      const used = tags(card)
      expect(used).not.toContain('note')
      expect(used).not.toContain('action')
    },
  )

  it('counts nested button and column elements', () => {
    const card = renderFeishuCard(answerReply(knowledge, 'live-commerce'))
    // 3 markdown blocks + source div + 2 column_sets (5 buttons in rows of 3) with 5 columns and 5 buttons
    expect(cardSizeStats(card).elements).toBe(4 + 2 + 5 + 5)
  })
})
