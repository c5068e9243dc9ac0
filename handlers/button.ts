// A pressed "related question" / "你是不是想问" button: answer that intent directly.
import type { Handler } from '../src/bot/handler'
import { answerReply } from './replies'

export const askButtonHandler: Handler = (ctx) => {
  const action = ctx.msg.action
  if (action?.type !== 'ask' || !ctx.knowledge.byId.has(action.intent)) return null
  ctx.session.lastIntent = action.intent
  ctx.session.depth = 0
  return answerReply(ctx.knowledge, action.intent, { depth: 0 })
}
