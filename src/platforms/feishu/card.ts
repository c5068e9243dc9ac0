// Neutral Reply → Feishu card JSON 2.0 (protocols.md §5). 2.0 removed the `note` and `action`
// tags, so the footnote is a grey notation-size plain-text div and buttons sit directly in the body
// (grouped in a column_set row).
import type { Block, Button, Reply, ReplyTone } from '../../bot/reply'

const TEMPLATE: Record<ReplyTone, string> = {
  blue: 'blue',
  green: 'green',
  orange: 'orange',
  red: 'red',
  grey: 'grey',
  purple: 'purple',
}

/** Feishu's limits for one card message. */
export const CARD_LIMITS = { bytes: 30 * 1024, elements: 200 } as const

const BUTTON_LABEL_MAX = 100
const BUTTONS_PER_ROW = 3

type Element = Record<string, unknown>

function blockElements(block: Block): Element[] {
  switch (block.kind) {
    case 'markdown':
      return [{ tag: 'markdown', content: block.text }]
    case 'points': {
      const lines = block.items.map((item) => `- ${item}`).join('\n')
      return [{ tag: 'markdown', content: block.title ? `**${block.title}**\n${lines}` : lines }]
    }
    case 'fields':
      return [{ tag: 'markdown', content: block.items.map((f) => `**${f.label}**：${f.value}`).join('\n') }]
    case 'divider':
      return [{ tag: 'hr' }]
  }
}

function buttonElement(button: Button): Element {
  const type = button.style === 'primary' ? 'primary' : button.style === 'danger' ? 'danger' : 'default'
  return {
    tag: 'button',
    text: { tag: 'plain_text', content: button.label.slice(0, BUTTON_LABEL_MAX) },
    type,
    size: 'small',
    width: 'fill',
    behaviors: [{ type: 'callback', value: button.action }],
  }
}

function buttonRows(buttons: Button[]): Element[] {
  const rows: Element[] = []
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) {
    rows.push({
      tag: 'column_set',
      flex_mode: 'flow',
      horizontal_spacing: '8px',
      columns: buttons.slice(i, i + BUTTONS_PER_ROW).map((b) => ({
        tag: 'column',
        width: 'auto',
        elements: [buttonElement(b)],
      })),
    })
  }
  return rows
}

/** Renders a Reply as a Feishu card JSON 2.0 object (send it as msg_type "interactive"). */
export function renderFeishuCard(reply: Reply): Record<string, unknown> {
  const elements: Element[] = reply.blocks.flatMap(blockElements)
  if (reply.source) {
    elements.push({
      tag: 'div',
      text: { tag: 'plain_text', content: reply.source, text_size: 'notation', text_color: 'grey' },
      icon: { tag: 'standard_icon', token: 'info_outlined', color: 'grey' },
    })
  }
  elements.push(...buttonRows(reply.buttons))
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', summary: { content: reply.title } },
    header: { title: { tag: 'plain_text', content: reply.title }, template: TEMPLATE[reply.tone] ?? 'blue' },
    body: { direction: 'vertical', elements },
  }
}

function countElements(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countElements(x), 0)
  if (node === null || typeof node !== 'object') return 0
  let n = 'tag' in node && typeof (node as { tag: unknown }).tag === 'string' ? 1 : 0
  for (const [key, value] of Object.entries(node)) {
    // text objects ({tag:'plain_text'}) and icons are properties, not components
    if (key === 'text' || key === 'title' || key === 'icon') continue
    n += countElements(value)
  }
  return n
}

/** Size in UTF-8 bytes and component count (body elements, nested columns included). */
export function cardSizeStats(card: Record<string, unknown>): { bytes: number; elements: number } {
  const bytes = new TextEncoder().encode(JSON.stringify(card)).length
  const body = card.body as { elements?: unknown } | undefined
  return { bytes, elements: countElements(body?.elements ?? []) }
}
