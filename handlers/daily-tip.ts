import type { Knowledge } from '../src/knowledge/knowledge'
import type { Reply } from '../src/bot/reply'
import { tipForDate, localDate } from '../src/tips/schedule'
import { tipReply } from '../src/tips/card'

export { tipReply } from '../src/tips/card'

/** Today's tip for a chat, as the card the group would get from the morning push. */
export function todaysTipReply(knowledge: Knowledge, now: Date, timeZone: string, chatId?: string): Reply {
  const date = localDate(now, timeZone)
  return tipReply(knowledge, tipForDate(knowledge.tips, date, chatId), date)
}
