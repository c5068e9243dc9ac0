import type { Knowledge, Tip } from '../knowledge/knowledge'
import type { Reply } from '../bot/reply'

/** "11月24日" from 'YYYY-MM-DD' (the community's local date, so no time zone maths here). */
export function chineseMonthDay(date: string): string {
  const [, month, day] = date.split('-')
  return `${Number(month)}月${Number(day)}日`
}

/** The daily tip card, shared by the morning push (src/tips/push.ts) and the /tip command (handlers/daily-tip.ts). */
export function tipReply(knowledge: Pick<Knowledge, 'source'>, tip: Tip, date: string): Reply {
  return {
    kind: 'tip',
    title: `今日小红书运营tip · ${chineseMonthDay(date)}`,
    tone: 'purple',
    blocks: [{ kind: 'markdown', text: tip.text }],
    source: `出自《${knowledge.source.title}》${tip.section}；基于 ${knowledge.source.year} 年的文章，请结合当下情况判断`,
    buttons: tip.intent
      ? [{ label: '了解更多', action: { type: 'ask', intent: tip.intent }, style: 'primary' }]
      : [],
    ...(tip.intent ? { intent: tip.intent } : {}),
  }
}
