// The operator's loop in chat: /我的ID, /统计, /待答 (and its teach buttons), /教, /忘.
import { wordedForChat } from './chat-words'
import type { Handler, HandlerContext } from '../src/bot/handler'
import type { Reply } from '../src/bot/reply'
import { computeStats, findQuestion, listQuestions, type QuestionView } from '../src/insights'
import { normalizeText } from '../src/matcher/normalize'
import { decideQuestion, forget, teach, type TaughtIndex, type TaughtOverlay } from '../src/teach'
import { parseOperatorCommand } from './operator-commands'
import { adminRefusal, LOG_OFF, myIdReply, notice } from './operator-replies'
import { PENDING_MAX, pendingReply } from './pending-reply'
import { statsReply } from './stats-reply'
import { FORGET_USAGE, forgetReply, TEACH_USAGE, teachReply } from './teach-reply'

export interface OperatorOptions {
  /** The same overlay the ask handler uses, so the reply to /教 already reflects it. */
  overlay: TaughtOverlay
  /** QUESTION_LOG_DAYS */
  questionLogDays: number
}

const STATS_DAYS = 7

async function stats(ctx: HandlerContext, days: number): Promise<Reply> {
  if (days <= 0) return LOG_OFF
  const base = { days: Math.min(STATS_DAYS, days), timeZone: ctx.timeZone, now: ctx.now.getTime() }
  const [chat, all] = await Promise.all([
    computeStats(ctx.store, { ...base, platform: ctx.msg.platform, chatId: ctx.msg.chatId }),
    computeStats(ctx.store, base),
  ])
  return statsReply(ctx.knowledge, chat, all)
}

/** The latest unanswered questions, one per wording, leaving out those now answered (taught since, or a new knowledge file). */
async function pending(ctx: HandlerContext, opts: OperatorOptions): Promise<Reply> {
  if (opts.questionLogDays <= 0) return LOG_OFF
  const [logged, taught] = await Promise.all([
    listQuestions(ctx.store, { platform: ctx.msg.platform, chatId: ctx.msg.chatId, unanswered: true, limit: 100 }),
    opts.overlay.sync(ctx.store, ctx.knowledge),
  ])
  const seen = new Set<string>()
  const open: QuestionView[] = []
  for (const q of logged) {
    const key = normalizeText(q.text)
    if (seen.has(key) || decideQuestion(ctx.knowledge, taught, q.text).intent) continue
    seen.add(key)
    open.push(q)
    if (open.length === PENDING_MAX) break
  }
  const buttonsShown = !(ctx.msg.platform === 'wecom' && ctx.msg.chatType === 'group')
  return pendingReply(ctx.knowledge, open, opts.questionLogDays, ctx.now.getTime(), buttonsShown)
}

async function teachText(ctx: HandlerContext, opts: OperatorOptions, text: string, topic: string, force: boolean): Promise<Reply> {
  const outcome = await teach(ctx.store, ctx.knowledge, text, topic, { force, now: ctx.now })
  const taught: TaughtIndex | null = outcome.status === 'taught' ? await opts.overlay.sync(ctx.store, ctx.knowledge) : null
  return teachReply(ctx.knowledge, text, outcome, () => decideQuestion(ctx.knowledge, taught, text))
}

async function forgetText(ctx: HandlerContext, opts: OperatorOptions, text: string): Promise<Reply> {
  const outcome = await forget(ctx.store, ctx.knowledge, text)
  const taught = await opts.overlay.sync(ctx.store, ctx.knowledge)
  return forgetReply(ctx.knowledge, text, outcome, () => decideQuestion(ctx.knowledge, taught, text))
}

/** A /待答 button: the question is looked up by id in this chat's log (the id came back from a client). */
async function teachButton(ctx: HandlerContext, opts: OperatorOptions, questionId: string, intent: string): Promise<Reply> {
  const refusal = adminRefusal(ctx, '教机器人新问法')
  if (refusal) return refusal
  if (opts.questionLogDays <= 0) return LOG_OFF
  const question = await findQuestion(ctx.store, ctx.msg.platform, ctx.msg.chatId, questionId)
  if (!question) return notice('找不到这个问题了', `它已经不在本群的问题记录里（记录只保留 ${opts.questionLogDays} 天）。可以直接发送 \`/教 问题 => 主题\`。`, 'grey')
  return teachText(ctx, opts, question.text, intent, false)
}

export function createOperatorHandler(opts: OperatorOptions): Handler {
  return async (ctx) => {
    const { msg } = ctx
    if (msg.action?.type === 'teach') return teachButton(ctx, opts, msg.action.question, msg.action.intent)
    if (msg.action) return null
    const command = parseOperatorCommand(msg.text)
    if (!command) return null
    if (command.name === 'my-id') return myIdReply(ctx)
    const refusal = adminRefusal(ctx, command.name === 'stats' || command.name === 'pending' ? '统计和待答问题' : '教机器人新问法')
    if (refusal) return refusal
    switch (command.name) {
      case 'stats':
        return wordedForChat(ctx, await stats(ctx, opts.questionLogDays))
      case 'pending':
        return wordedForChat(ctx, await pending(ctx, opts))
      case 'teach':
        return teachText(ctx, opts, command.text, command.topic, command.force)
      case 'teach-usage':
        return TEACH_USAGE
      case 'forget':
        return forgetText(ctx, opts, command.text)
      case 'forget-usage':
        return FORGET_USAGE
    }
  }
}
