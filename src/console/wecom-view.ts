import type { ButtonAction } from '../bot/message'
import type { Reply } from '../bot/reply'
import { renderMarkdown, renderTemplateCard, STREAM_MAX_BYTES, type TemplateCard } from '../platforms/wecom/card'
import { decodeButtonKey } from '../platforms/wecom/button-key'

/** What the WeCom AI bot would answer with (src/platforms/wecom/webhook.ts answerMessage), for the playground. */
export interface WecomView {
  markdown: string
  /** The button card sent beside the text in a 1:1 chat; groups get markdown only. */
  templateCard: TemplateCard | null
  /** Each card button's key → the action it carries, so the playground can press it. */
  actions: Record<string, ButtonAction>
}

export function wecomView(reply: Reply, chatType: 'group' | 'p2p'): WecomView {
  const templateCard = chatType === 'p2p' ? renderTemplateCard(reply, 'console') : null
  const markdown = renderMarkdown(reply, { maxBytes: STREAM_MAX_BYTES, buttonHints: templateCard === null })
  const actions: Record<string, ButtonAction> = {}
  for (const b of templateCard?.button_list ?? []) {
    const action = decodeButtonKey(b.key)
    if (action) actions[b.key] = action
  }
  return { markdown, templateCard, actions }
}
