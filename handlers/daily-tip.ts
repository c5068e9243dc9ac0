import type { Knowledge } from '../src/core/knowledge'
import type { Reply } from '../src/core/reply'
import { tipForDate, localDate } from '../src/core/tips'
import { tipReply } from '../src/core/tip-reply'

export { tipReply } from '../src/core/tip-reply'

/** Today's tip for a chat, as the card the group would get from the morning push. */
export function todaysTipReply(knowledge: Knowledge, now: Date, timeZone: string, chatId?: string): Reply {
  const date = localDate(now, timeZone)
  return tipReply(knowledge, tipForDate(knowledge.tips, date, chatId), date)
}
