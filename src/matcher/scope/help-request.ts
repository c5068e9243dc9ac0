// "帮助 / help / 使用说明 / 你能做什么" as a whole message: the help card, whatever the similarity says.
import { normalizeText } from '../normalize'

// Whole-message matches only, so "关键词怎么用" stays a question for the matcher.
const HELP_TEXT = /^(?:\/?help|\/?帮助|帮助一下|求帮助|怎么用|如何使用|使用说明|使用方法|用法|说明|菜单|\/?menu|功能|指令|命令|你能做什么|你会什么|你会干什么|你能干什么|你能干嘛|你会干嘛|你可以做什么|你可以干什么|能做什么|whatcanyoudo|howtouse)(?:呢|呀|啊|吗)?$/

/** `normalized`: normalizeText(text), when the caller already has it. */
export function isHelpRequest(text: string, normalized = normalizeText(text)): boolean {
  const raw = text.trim().toLowerCase()
  if (raw === '/help' || raw === '/帮助') return true
  return normalized.length <= 24 && HELP_TEXT.test(normalized.replace(/\s+/g, ''))
}
