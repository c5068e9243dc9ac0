// Chat that is not a question (你好, 在吗, 你是谁, 谢谢, 你真棒, 答非所问, 拜拜 …): a short friendly reply,
// never "这个我不确定". Greetings, 在吗 and 你是谁 get the help card: what the bot can do is the useful answer.
import type { Handler, Session } from '../src/bot/handler'
import type { Button, Reply } from '../src/bot/reply'
import type { Knowledge } from '../src/knowledge/knowledge'
import { getMatcher, smallTalkTopic, type SmallTalkTopic } from '../src/matcher/matcher'
import { helpReply } from './replies'

/** Suggested when there is no earlier answer to follow: the topic most groups start with. */
const DEFAULT_SUGGESTION = 'worth-doing'

function note(title: string, text: string, buttons: Button[] = []): Reply {
  return { kind: 'notice', title, tone: 'green', blocks: [{ kind: 'markdown', text }], buttons }
}

/** One next topic: related to the last answer when there was one. */
function suggestion(knowledge: Knowledge, session: Session): Button[] {
  const last = session.lastIntent ? knowledge.byId.get(session.lastIntent) : undefined
  const id = last?.related.find((r) => knowledge.byId.has(r)) ?? DEFAULT_SUGGESTION
  const intent = knowledge.byId.get(id)
  return intent ? [{ label: `看看：${intent.title}`, action: { type: 'ask', intent: id } }] : []
}

const HELP_BUTTON: Button = { label: '看看我能做什么', action: { type: 'command', command: '帮助' } }

export function smallTalkReply(knowledge: Knowledge, topic: SmallTalkTopic, session: Session = { depth: 0 }): Reply {
  switch (topic) {
    case 'greeting':
      return helpReply(knowledge, '你好呀👋 我是红书参谋。')
    case 'presence':
      return helpReply(knowledge, '在的！有小红书运营的问题直接问我就行。')
    case 'identity':
      return helpReply(knowledge, '我是红书参谋，一个群聊机器人（不是真人），只依据一篇2024年的小红书运营文章回答问题。')
    case 'thanks':
      return note('不客气～', '不客气，能帮上忙就好！还想了解别的，可以接着问，比如下面这个：', suggestion(knowledge, session))
    case 'praise':
      return note('谢谢夸奖～', '谢谢！有小红书运营的问题随时@我，比如下面这个：', suggestion(knowledge, session))
    case 'complaint':
      return note(
        '抱歉没帮上忙',
        `抱歉！我只依据《${knowledge.source.title}》回答，文章没讲到的我答不好。换个说法再问一次试试；答案不对时点卡片下的「👎 没用」，我们会改进。`,
        [HELP_BUTTON],
      )
    case 'bye':
      return note('回头见～', '拜拜～ 有问题随时@我。')
    case 'feeling':
      return note('抱抱～', '运营累了就歇一歇。有小红书运营的问题随时@我。', suggestion(knowledge, session))
    case 'ack':
    case 'laughter':
      return note('😄', '有小红书运营的问题随时@我。')
  }
}

/** Before the question path, so chat never reaches the matcher's fallback. */
export const smallTalkHandler: Handler = (ctx) => {
  if (ctx.msg.action) return null
  const topic = smallTalkTopic(getMatcher(ctx.knowledge).canonical(ctx.msg.text))
  return topic ? { ...smallTalkReply(ctx.knowledge, topic, ctx.session), decision: { intent: null, score: 0, reason: 'smalltalk' } } : null
}
