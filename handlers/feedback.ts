import type { Handler } from '../src/bot/handler'

export function feedbackKey(intent: string): string {
  return `feedback:${intent}`
}

/** 👍/👎 on an answer card: counted per intent (one vote per user per intent a day) and acknowledged with a toast. */
export const feedbackHandler: Handler = async ({ msg, store }) => {
  if (msg.action?.type !== 'feedback') return null
  const { intent, vote } = msg.action
  const first = await store.claim(`vote:${msg.platform}:${intent}:${msg.senderId}`, 24 * 3600)
  if (first) await store.hincr(feedbackKey(intent), vote)
  return {
    kind: 'toast',
    title: first ? (vote === 'up' ? '收到 👍 谢谢反馈！' : '收到 👎 我们会改进这条回答') : '这条你已经反馈过啦，谢谢！',
    tone: 'green',
    blocks: [],
    buttons: [],
    intent,
  }
}
