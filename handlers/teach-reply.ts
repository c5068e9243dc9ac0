// What /教, /忘 and a /待答 button answer: the answer the question now gets, or why nothing changed.
import type { Button, Reply } from '../src/bot/reply'
import type { Knowledge } from '../src/knowledge/knowledge'
import type { AskDecision, Conflict, ForgetOutcome, TeachOutcome } from '../src/teach'
import { answerReply } from './replies'
import { notice } from './operator-replies'
import { teachCommand } from './operator-commands'

const COMMAND_MAX = 200
const CONFLICTS_SHOWN = 5

/** A button that types `command`, when it fits a button value. */
function commandButton(label: string, command: string): Button[] {
  return [...command].length <= COMMAND_MAX ? [{ label, action: { type: 'command', command } }] : []
}

function conflictLine(knowledge: Knowledge, c: Conflict): string {
  const title = c.intent ? (knowledge.byId.get(c.intent)?.title ?? c.intent) : ''
  switch (c.kind) {
    case 'duplicate': return `「${c.text}」已经是「${title}」的例句`
    case 'pulls': return `「${c.text}」本来答「${title}」，会被抢走`
    case 'out-of-scope': return `「${c.text}」是文章没讲的问题，本来不答，会被答上`
    case 'taught': return `之前教给「${title}」的「${c.text}」会被抢走`
  }
}

/** The answer the question now gets, introduced as the result of teaching it. */
function nowAnswers(knowledge: Knowledge, text: string, decision: AskDecision, intro: string): Reply {
  if (!decision.intent) return notice('现在还答不上', `${intro}\n「${text}」现在仍然会得到“这个我不确定”的回答。`, 'grey')
  const answer = answerReply(knowledge, decision.intent)
  return {
    ...answer,
    title: `已教会 ✅ ${answer.title}`,
    blocks: [{ kind: 'markdown', text: `${intro}\n以后问「${text}」，回答是：` }, ...answer.blocks],
    // Feedback on a confirmation would count as feedback on the answer; offer undo instead.
    buttons: [...answer.buttons.filter((b) => b.action.type === 'ask'), ...commandButton('撤销', `/忘 ${text}`)],
  }
}

export function teachReply(knowledge: Knowledge, text: string, outcome: TeachOutcome, decision: () => AskDecision): Reply {
  const title = (id: string) => knowledge.byId.get(id)?.title ?? id
  switch (outcome.status) {
    case 'taught': {
      const notes = [
        '所有实例从下一条消息起生效，不用重新部署。',
        ...(outcome.replaced ? [`（原来教给的是「${title(outcome.replaced)}」）`] : []),
        ...(outcome.conflicts.length ? [`（已按你的要求忽略 ${outcome.conflicts.length} 处冲突）`] : []),
      ]
      return nowAnswers(knowledge, text, decision(), notes.join('\n'))
    }
    case 'conflicts': {
      const lines = outcome.conflicts.slice(0, CONFLICTS_SHOWN).map((c) => `· ${conflictLine(knowledge, c)}`)
      if (outcome.conflicts.length > CONFLICTS_SHOWN) lines.push(`· 还有 ${outcome.conflicts.length - CONFLICTS_SHOWN} 处`)
      const insist = teachCommand(text, title(outcome.intent), true)
      return notice(
        '这样教会抢走别的问题',
        `把「${text}」教给「${title(outcome.intent)}」会影响别的主题：\n${lines.join('\n')}\n确定要这样教，发送：\`${insist}\``,
        'orange',
        commandButton('坚持教', insist),
      )
    }
    case 'known':
      return notice('不用教', `知识库里已经有这句了，它本来就会答「${title(outcome.intent)}」。`, 'green')
    case 'unchanged':
      return notice('已经教过了', `「${text}」已经教给「${title(outcome.intent)}」了。`, 'green')
    case 'invalid':
      return notice('没法这样教', `${outcome.problem}。\n用法：\`${teachCommand('问题', '主题')}\`，主题写主题名或 id：\n${knowledge.intents.map((i) => `${i.title}（${i.id}）`).join('、')}`, 'grey')
  }
}

export function forgetReply(knowledge: Knowledge, text: string, outcome: ForgetOutcome, decision: () => AskDecision): Reply {
  if (outcome.status === 'not-taught') return notice('没有教过这句', `「${text}」不是教过的问法。发送 \`/教 问题 => 主题\` 来教。`, 'grey')
  const now = decision()
  const was = knowledge.byId.get(outcome.phrasing.intent)?.title ?? outcome.phrasing.intent
  const then = now.intent ? `现在它会答「${knowledge.byId.get(now.intent)?.title ?? now.intent}」。` : '现在它会得到“这个我不确定”的回答。'
  return notice('已忘记', `「${outcome.phrasing.text}」不再教给「${was}」。${then}`, 'grey')
}

export const TEACH_USAGE = notice('/教 怎么用', `发送：\`${teachCommand('问题', '主题')}\`\n例如：\`${teachCommand('发笔记用什么相机好', 'content-style')}\`\n主题写主题名或 id；只有 ADMIN_IDS 里的管理员能用。`, 'blue')
export const FORGET_USAGE = notice('/忘 怎么用', '发送：`/忘 问题`，把教过的问法删掉。', 'blue')
