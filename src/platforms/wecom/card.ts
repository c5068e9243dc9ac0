import type { Block, Button, Reply } from '../../bot/reply'
import { encodeButtonKey } from './button-key'
import { truncateUtf8 } from './truncate'

// Renders the neutral Reply for WeCom (protocols.md §7, §8): markdown for the group webhook, the stream
// reply and response_url; a button_interaction template_card where buttons help (1:1 chats only).
// Stream and response_url content is markdown_v2, which has no <font color> and shows such tags as text, so the
// markdown uses only what both markdown flavours render: bold, quotes, lists and inline code.

/** Group-robot webhook markdown limit (protocols.md §7). */
export const WEBHOOK_MARKDOWN_MAX_BYTES = 4096
/** Stream content and response_url markdown limit (protocols.md §8). */
export const STREAM_MAX_BYTES = 20480

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'markdown':
      return b.text
    case 'points': {
      const items = b.items.map((item, i) => `${i + 1}. ${item}`)
      return (b.title ? [`**${b.title}**`, ...items] : items).join('\n')
    }
    case 'fields':
      return b.items.map((f) => `**${f.label}**：${f.value}`).join('\n')
    case 'divider':
      return ''
  }
}

/** Buttons have no markdown form, so ask/command buttons become hints the user can type; feedback is dropped. */
function buttonHints(buttons: Button[]): string | null {
  const lines = buttons.flatMap((b) =>
    b.action.type === 'ask' ? [`· ${b.label}`] : b.action.type === 'command' ? [`· 发送 \`${b.action.command}\``] : [],
  )
  return lines.length ? ['你还可以问我：', ...lines].join('\n') : null
}

export interface MarkdownOptions {
  maxBytes?: number
  /** Spell out ask/command buttons as text (when the reply is not also sent as a card). Default true. */
  buttonHints?: boolean
}

export function renderMarkdown(reply: Reply, opts: MarkdownOptions = {}): string {
  const parts = [`**${reply.title}**`, ...reply.blocks.map(renderBlock)]
  const hints = opts.buttonHints === false ? null : buttonHints(reply.buttons)
  if (hints) parts.push(hints)
  if (reply.source) parts.push(`> ${reply.source}`)
  const text = parts.filter((p) => p !== '').join('\n\n')
  return truncateUtf8(text, opts.maxBytes ?? STREAM_MAX_BYTES)
}

/** Markdown syntax removed, for card fields that show plain text. */
function plain(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/^#+\s*|^>\s*/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
}

function summary(reply: Reply): string {
  const first = reply.blocks.find((b) => b.kind === 'markdown' || b.kind === 'points')
  if (!first) return ''
  const text = first.kind === 'markdown' ? first.text : first.items.join('；')
  return plain(text).replace(/\s+/g, ' ').trim()
}

function cut(text: string, chars: number): string {
  const cps = [...text]
  return cps.length <= chars ? text : cps.slice(0, chars - 1).join('') + '…'
}

// Style numbers per the template-card doc (1–4); which colour each is was not verifiable from text alone.
const STYLE: Record<NonNullable<Button['style']>, number> = { primary: 1, default: 2, danger: 3 }

export interface TemplateCard {
  card_type: 'button_interaction'
  main_title: { title: string; desc?: string }
  sub_title_text?: string
  button_list: { text: string; style: number; key: string }[]
  task_id: string
}

/** WeCom task ids: letters, digits and _-@, at most 128 bytes, unique per bot. */
export function newTaskId(): string {
  return `xc_${crypto.randomUUID().replace(/-/g, '')}`
}

/**
 * A button_interaction card for a reply with buttons (≤ 6 buttons, keys ≤ 1024 bytes and unique), or null when
 * no button survives. Titles and texts are cut to the doc's suggested lengths (26 / 112 / 10 characters).
 */
export function renderTemplateCard(reply: Reply, taskId: string = newTaskId()): TemplateCard | null {
  const seen = new Set<string>()
  const buttons = reply.buttons.flatMap((b) => {
    const key = encodeButtonKey(b.action)
    if (!key || seen.has(key)) return []
    seen.add(key)
    return [{ text: cut(b.label, 10), style: STYLE[b.style ?? 'default'], key }]
  })
  if (buttons.length === 0) return null
  const sub = summary(reply)
  return {
    card_type: 'button_interaction',
    main_title: { title: cut(reply.title, 26), ...(reply.source ? { desc: cut(reply.source, 30) } : {}) },
    ...(sub ? { sub_title_text: cut(sub, 112) } : {}),
    button_list: buttons.slice(0, 6),
    task_id: taskId,
  }
}
