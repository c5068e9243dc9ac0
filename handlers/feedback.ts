import type { Handler } from '../src/bot/handler'
import { recordVote } from '../src/insights'
import { claimVote, countVote } from '../src/store/keys'
import { localDate } from '../src/tips/schedule'

/**
 * 👍/👎 on an answer card: one vote per person per topic per local date, counted per day, acknowledged with a toast.
 * A topic the knowledge does not have (a forged or stale card value) is declined before anything is written.
 * When the button carries the logged question's id, the vote is also linked to that question (QUESTION_LOG_DAYS > 0).
 */
export function createFeedbackHandler(opts: { questionLogDays?: number } = {}): Handler {
  const days = opts.questionLogDays ?? 0
  return async ({ msg, store, knowledge, now, timeZone }) => {
    if (msg.action?.type !== 'feedback') return null
    const { intent, vote, question } = msg.action
    if (!knowledge.byId.has(intent)) {
      return { kind: 'toast', title: '这个按钮已失效，请直接@我提问', tone: 'orange', blocks: [], buttons: [] }
    }
    const date = localDate(now, timeZone)
    const first = await claimVote(store, date, msg, intent)
    if (first) await countVote(store, date, intent, vote)
    if (first && question) await recordVote(store, msg, question, intent, vote, { days, timeZone }).catch(() => false)
    return {
      kind: 'toast',
      title: first ? (vote === 'up' ? '收到 👍 谢谢反馈！' : '收到 👎 我们会改进这条回答') : '这条你已经反馈过啦，谢谢！',
      tone: 'green',
      blocks: [],
      buttons: [],
      intent,
    }
  }
}

export const feedbackHandler: Handler = createFeedbackHandler()
