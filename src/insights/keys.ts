// Chat references as the question log's keys use them; the keys themselves and their TTLs are in src/store/keys.ts.
import type { Platform } from '../bot/message'

export type LogLimits = { perChat: number; maxChats: number; unanswered: number }

export const chatRef = (platform: Platform, chatId: string) => `${platform}:${chatId}`

export function parseChatRef(ref: string): { platform: Platform; chatId: string } | null {
  const sep = ref.indexOf(':')
  const platform = ref.slice(0, sep)
  if (platform !== 'feishu' && platform !== 'wecom') return null
  return { platform, chatId: ref.slice(sep + 1) }
}
