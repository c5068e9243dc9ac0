import type { Reply } from '../bot/reply'

/** A reply as plain text for a terminal: title, body blocks, source line, then the buttons. */
export function replyToText(reply: Reply): string {
  const lines = [`【${reply.title}】`]
  for (const b of reply.blocks) {
    if (b.kind === 'markdown') lines.push(b.text)
    else if (b.kind === 'points') lines.push(...(b.title ? [`${b.title}：`] : []), ...b.items.map((x) => `  • ${x}`))
    else if (b.kind === 'fields') lines.push(...b.items.map((f) => `${f.label}：${f.value}`))
    else lines.push('—')
  }
  if (reply.source) lines.push(`(${reply.source})`)
  if (reply.buttons.length) lines.push(`按钮：${reply.buttons.map((b) => `[${b.label}]`).join(' ')}`)
  return lines.join('\n')
}
