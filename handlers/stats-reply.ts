// /统计: the last 7 days in this chat and in all chats.
import type { Block, Reply } from '../src/bot/reply'
import type { QuestionStats } from '../src/insights'
import type { Knowledge } from '../src/knowledge/knowledge'

const percent = (x: number) => `${Math.round(x * 100)}%`

function statsBlocks(knowledge: Knowledge, heading: string, s: QuestionStats): Block[] {
  const title = (id: string) => knowledge.byId.get(id)?.title ?? id
  const people = s.askers !== undefined ? `（${s.askers} 人）` : ''
  const blocks: Block[] = [
    { kind: 'markdown', text: `**${heading}**（${s.from} ~ ${s.to}）${s.partial ? '\n只统计了最近的 500 条' : ''}` },
    {
      kind: 'fields',
      items: [
        { label: '提问', value: `${s.questions}${people}` },
        { label: '答上了', value: s.questions ? `${percent(s.answeredShare)}（${s.answered}）` : '—' },
        { label: '没答上', value: String(s.unanswered) },
        { label: '👍 / 👎', value: `${s.up} / ${s.down}` },
      ],
    },
  ]
  if (s.topTopics.length) blocks.push({ kind: 'markdown', text: `热门主题：${s.topTopics.map((t) => `${title(t.intent)} ×${t.count}`).join('、')}` })
  if (s.topUnanswered.length) blocks.push({ kind: 'markdown', text: `常见没答上：${s.topUnanswered.map((u) => `「${u.text}」${u.count > 1 ? ` ×${u.count}` : ''}`).join('、')}` })
  return blocks
}

export function statsReply(knowledge: Knowledge, chat: QuestionStats, all: QuestionStats): Reply {
  return {
    kind: 'notice',
    title: `最近 ${chat.days} 天的提问`,
    tone: 'blue',
    blocks: [...statsBlocks(knowledge, '本群', chat), { kind: 'divider' }, ...statsBlocks(knowledge, '全部群', all)],
    buttons: [{ label: '看本群没答上的问题', action: { type: 'command', command: '/待答' } }],
  }
}
