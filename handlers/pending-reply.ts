// /待答: this chat's latest unanswered questions, each with its closest topics as buttons that teach it.
import type { Button, Reply } from '../src/bot/reply'
import type { QuestionView } from '../src/insights'
import type { Knowledge } from '../src/knowledge/knowledge'
import { ago } from './operator-replies'
import { teachCommand } from './operator-commands'

export const PENDING_MAX = 10

/** `buttons`: false where the platform shows none (WeCom groups get markdown only), so the reply says to type /教. */
export function pendingReply(knowledge: Knowledge, questions: QuestionView[], days: number, now: number, buttons = true): Reply {
  if (!questions.length) {
    return { kind: 'notice', title: '本群没有待答问题', tone: 'green', blocks: [{ kind: 'markdown', text: `最近 ${days} 天本群问的问题我都答上了（或者已经教过了）。` }], buttons: [] }
  }
  const title = (id: string) => knowledge.byId.get(id)?.title ?? id
  const lines = questions.map((q, i) => {
    const near = q.candidates.filter((c) => knowledge.byId.has(c))
    return `**${i + 1}.** 「${q.text}」 · ${ago(q.at, now)}${near.length ? ` · 最接近：${near.map(title).join('、')}` : ''}`
  })
  const teachButtons: Button[] = questions.flatMap((q, i) =>
    q.candidates
      .filter((c) => knowledge.byId.has(c))
      .map((intent) => ({ label: `${i + 1}→${title(intent)}`, action: { type: 'teach' as const, question: q.id, intent } })),
  )
  const example = questions[0]!
  return {
    kind: 'notice',
    title: `本群待答问题（${questions.length}）`,
    tone: 'orange',
    blocks: [
      { kind: 'markdown', text: lines.join('\n') },
      {
        kind: 'markdown',
        text: buttons
          ? `点「编号→主题」把那个问题教给那个主题，以后再有人这样问就会这样回答（只有 ADMIN_IDS 里的管理员能点）。\n也可以发送：\`${teachCommand(example.text, '主题')}\``
          : `发送 \`${teachCommand(example.text, '主题')}\` 把问题教给一个主题（主题名或 id），以后再有人这样问就会这样回答。`,
      },
    ],
    buttons: buttons ? teachButtons : [],
  }
}
