// "帮助 / help / 怎么用 / 你能做什么" → the help card.
import type { Handler } from '../src/bot/handler'
import { normalizeText } from '../src/matcher/normalize'
import { helpReply } from './replies'

// Whole-message matches only, so "关键词怎么用" stays a question for the matcher.
const HELP_TEXT = /^(?:\/?help|\/?帮助|帮助一下|求帮助|怎么用|如何使用|使用说明|说明|菜单|\/?menu|功能|你能做什么|你会什么|你会干什么|你能干什么|你可以做什么|能做什么|你是谁)(?:呢|呀|啊|吗)?$/

export function isHelpRequest(text: string): boolean {
  const raw = text.trim().toLowerCase()
  if (raw === '/help' || raw === '/帮助' || raw === '?' || raw === '？') return true
  return HELP_TEXT.test(normalizeText(text).replace(/\s+/g, ''))
}

export const helpHandler: Handler = (ctx) => (!ctx.msg.action && isHelpRequest(ctx.msg.text) ? helpReply(ctx.knowledge) : null)
