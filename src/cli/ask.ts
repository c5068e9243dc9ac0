// `ask "<text>" [--json]`: answer one question as the bot would (help, then matcher; no session).
import { loadKnowledge } from '../knowledge/knowledge'
import { getMatcher } from '../matcher/matcher'
import type { Reply } from '../bot/reply'
import { renderFeishuCard } from '../platforms/feishu/card'
import { answerReply, fallbackReply, helpReply } from '../../handlers/replies'
import { isHelpRequest } from '../../handlers/help'

/** The reply as plain text for a terminal. */
export function replyToText(reply: Reply): string {
  const lines = [`【${reply.title}】`]
  for (const b of reply.blocks) {
    if (b.kind === 'markdown') lines.push(b.text)
    else if (b.kind === 'points') lines.push(...(b.title ? [`${b.title}：`] : []), ...b.items.map((x) => `  • ${x}`))
    else if (b.kind === 'fields') lines.push(...b.items.map((f) => `${f.label}：${f.value}`))
    else lines.push('—')
  }
  if (reply.source) lines.push(`(${reply.source})`)
  if (reply.buttons.length) lines.push(`[${reply.buttons.map((b) => b.label).join('] [')}]`)
  return lines.join('\n')
}

export async function run(args: string[]): Promise<number> {
  const json = args.includes('--json')
  const text = args.filter((a) => a !== '--json').join(' ').trim()
  if (!text) {
    process.stderr.write('usage: ask "<text>" [--json]\n')
    return 2
  }
  const knowledge = loadKnowledge()
  const result = getMatcher(knowledge).match(text)
  const help = isHelpRequest(text)
  const intent = help ? 'help' : result.intent
  const reply = help ? helpReply(knowledge) : intent ? answerReply(knowledge, intent) : fallbackReply(knowledge, result.candidates)
  const score = help ? 1 : result.score
  if (json) process.stdout.write(`${JSON.stringify({ intent, score, reply, card: renderFeishuCard(reply) })}\n`)
  else process.stdout.write(`${replyToText(reply)}\n`)
  return 0
}
