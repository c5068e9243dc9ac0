// "展开说说 / 详细点 / 还有吗 …" right after an answer → the deeper follow-up of the last intent.
import type { Handler } from '../src/core/handler'
import { normalizeText } from '../src/core/normalize'
import { answerReply } from './replies'

// Whole-message cues only: "那新号呢" is a new (elliptical) question and goes to the matcher.
const FOLLOW_UP = /^(?:请|麻烦|你|能不能|可不可以|能|可以|再)*(?:展开|展开说说|展开讲讲|展开聊聊|详细|详细点|详细一点|详细说说|详细讲讲|细说|细讲|具体|具体点|具体呢|具体说说|具体讲讲|具体怎么做|多说点|多讲点|多说一点|讲讲|说说|还有吗|还有呢|还有别的吗|然后呢|继续|继续说|接着说|为什么|为啥|怎么说|举个例子|展开说|深入说说|再说说|再讲讲|再多说点|more|tell me more)(?:一下|一些|一点|点|些)?(?:呢|呀|啊|吗|吧|嘛)?$/

export function isFollowUp(text: string): boolean {
  return FOLLOW_UP.test(normalizeText(text).replace(/\s+/g, ''))
}

export const followUpHandler: Handler = (ctx) => {
  const last = ctx.session.lastIntent
  if (ctx.msg.action || !last || !ctx.knowledge.byId.has(last) || !isFollowUp(ctx.msg.text)) return null
  const depth = (ctx.session.depth ?? 0) + 1
  ctx.session.depth = depth
  return answerReply(ctx.knowledge, last, { depth })
}
