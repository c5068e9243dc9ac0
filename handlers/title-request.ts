/** What a member asked the title check for. An empty title means "show how to use it". */
export interface TitleRequest {
  title: string
  keywords: string[]
}

const SLASH = /^\/title(?![a-z])\s*/i
const COMMAND = /^(?:标题检查|检查标题|标题体检|查标题|测标题|标题打分|标题诊断)(?:一下)?\s*[:：]?\s*/
// "帮我看看标题：…", "帮我看下这个标题 「…」": only when a title follows, so "帮我看看标题怎么起" stays a question.
const POLITE =
  /^(?:请|麻烦)?(?:你)?(?:帮我|帮忙|给我)?(?:看看|看下|看一下|瞧瞧|查查|查一下|检查一下|检查下|检查|评估一下|打个分|改改|改一下)(?:我的|我这个|这个|下|一下)?标题(?=\s*[:：「“"『]|\s+\S)\s*[:：]?\s*/
const QUOTED = /「([^」]*)」|“([^”]*)”|"([^"]*)"|『([^』]*)』/
// "…标题「…」怎么样", "标题是“…”": a quoted title anywhere after the word 标题.
const QUOTED_AFTER_WORD = /标题[^「“"『\n]{0,12}(?=[「“"『])/
const KEYWORDS = /(?:目标)?关键[词字]\s*[:：]?\s*(.*)$/s
const HELP = /^(?:怎么用|用法|帮助|help|\?|？|是什么)$/i
const EDGE = /^[\s,，;；。:：|｜]+|[\s,，;；。|｜]+$/g

function keywordsFrom(text: string): string[] {
  return text
    .split(/[,，、;；/\s]+/)
    .map((k) => k.replace(/^[「“"『]+|[」”"』。.!！]+$/g, '').trim())
    .filter(Boolean)
}

/** The part after the trigger words, or null when the message is not a title check. */
function afterTrigger(text: string): string | null {
  for (const re of [SLASH, COMMAND, POLITE]) {
    const m = re.exec(text)
    if (m) return text.slice(m[0].length)
  }
  const m = QUOTED_AFTER_WORD.exec(text)
  return m ? text.slice(m.index + m[0].length) : null
}

/**
 * Recognises "标题检查 <title>", "/title <title>", "帮我看看标题：<title>", a quoted title after 标题,
 * with optional "关键词：咖啡,探店". Returns null for anything else so the question path can take it.
 */
export function parseTitleRequest(input: string): TitleRequest | null {
  const text = input.trim()
  const rest = afterTrigger(text)
  if (rest === null) return null

  const quoted = QUOTED.exec(rest)
  let title: string
  let tail: string
  if (quoted) {
    title = quoted.slice(1).find((g) => g !== undefined) ?? ''
    tail = rest.slice(quoted.index + quoted[0].length)
  } else {
    const k = KEYWORDS.exec(rest)
    title = k ? rest.slice(0, k.index) : rest
    tail = k ? k[0] : ''
  }
  const k = KEYWORDS.exec(tail)
  const keywords = k ? keywordsFrom(k[1] ?? '') : []
  title = title.replace(EDGE, '').trim()
  if (HELP.test(title)) title = ''
  return { title, keywords: [...new Set(keywords)] }
}
