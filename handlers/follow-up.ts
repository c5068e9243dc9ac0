// "展开说说 / 详细点 / 还有吗 …" right after an answer → the deeper follow-up of the last intent.
import type { Handler } from '../src/bot/handler'
import type { Reply } from '../src/bot/reply'
import { normalizeText } from '../src/matcher/normalize'
import { answerReply } from './replies'

// Whole-message cues only: "那新号呢" is a new (elliptical) question and goes to the matcher.
const FOLLOW_UP = /^(?:请|麻烦|你|能不能|可不可以|能|可以|再)*(?:展开|展开说说|展开讲讲|展开聊聊|详细|详细点|详细一点|详细说说|详细讲讲|细说|细讲|具体|具体点|具体呢|具体说说|具体讲讲|具体怎么做|多说点|多讲点|多说一点|讲讲|说说|还有吗|还有呢|还有别的吗|然后呢|继续|继续说|接着说|为什么|为啥|怎么说|举个例子|展开说|深入说说|再说说|再讲讲|再多说点|more|tell me more)(?:一下|一些|一点|点|些)?(?:呢|呀|啊|吗|吧|嘛)?$/

export function isFollowUp(text: string): boolean {
  return FOLLOW_UP.test(normalizeText(text).replace(/\s+/g, ''))
}

/** A follow-up with nothing to follow (no answer in the last 30 minutes): say so instead of guessing a topic. */
function nothingToExpand(): Reply {
  return {
    kind: 'notice',
    title: '先问我一个问题吧',
    tone: 'grey',
    blocks: [{ kind: 'markdown', text: '最近半小时我们还没聊到具体话题，不知道要展开哪一个。先问我一个小红书运营的问题，比如「关键词应该写在哪里」，再说「展开说说」就行。' }],
    buttons: [{ label: '看看我能做什么', action: { type: 'command', command: '帮助' } }],
  }
}

export const followUpHandler: Handler = (ctx) => {
  if (ctx.msg.action || !isFollowUp(ctx.msg.text)) return null
  const last = ctx.session.lastIntent
  if (!last || !ctx.knowledge.byId.has(last)) return nothingToExpand()
  const depth = (ctx.session.depth ?? 0) + 1
  ctx.session.depth = depth
  return answerReply(ctx.knowledge, last, { depth })
}
