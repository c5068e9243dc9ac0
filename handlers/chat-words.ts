import type { Block, Reply } from '../src/bot/reply'
import type { HandlerContext } from '../src/bot/handler'

const HERE = /本群/g

function blockFor1on1(block: Block): Block {
  if (block.kind === 'markdown') return { ...block, text: block.text.replace(HERE, '这里') }
  if (block.kind === 'points') return { ...block, items: block.items.map((i) => i.replace(HERE, '这里')), ...(block.title ? { title: block.title.replace(HERE, '这里') } : {}) }
  return block
}

/** Replies written for a group say 本群; in a 1:1 chat that reads wrong, so they say 这里 there. */
export function wordedForChat(ctx: HandlerContext, reply: Reply | null): Reply | null {
  if (!reply || ctx.msg.chatType !== 'p2p') return reply
  return {
    ...reply,
    title: reply.title.replace(HERE, '这里'),
    blocks: reply.blocks.map(blockFor1on1),
    buttons: reply.buttons.map((b) => ({ ...b, label: b.label.replace(HERE, '这里') })),
  }
}
