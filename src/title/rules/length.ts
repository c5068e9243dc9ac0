import type { TitleContext } from '../context'
import { TITLE_LIMIT } from '../length'
import type { TitleIssue } from '../types'

/** Over 20 units the title cannot be published as written. */
export function lengthRule(ctx: TitleContext): TitleIssue[] {
  if (ctx.length <= TITLE_LIMIT) return []
  return [{
    rule: 'length',
    severity: 'error',
    message: `标题 ${ctx.length} 字，超过小红书 ${TITLE_LIMIT} 字上限（英文数字算半个，表情算 2 个），多出的部分发不出去`,
    suggestion: '删掉语气词、重复的形容词和多余表情，把关键词和具体细节留在前 20 字内',
  }]
}
