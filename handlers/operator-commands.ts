// The operator's chat commands: /我的ID, /统计, /待答, /教 <问题> => <主题>, /教! …, /忘 <问题>.
// Whole-message patterns only, with a slash (full-width ／ too), so questions never turn into commands.

export type OperatorCommand =
  | { name: 'my-id' }
  | { name: 'stats' }
  | { name: 'pending' }
  | { name: 'teach'; text: string; topic: string; force: boolean }
  /** /教 without "=>": show how it is used */
  | { name: 'teach-usage' }
  | { name: 'forget'; text: string }
  | { name: 'forget-usage' }

const SLASH = '[/／]\\s*'
const MY_ID = new RegExp(`^(?:${SLASH})?(?:我的\\s*id|myid|whoami)$`, 'i')
const STATS = new RegExp(`^${SLASH}(?:统计|stats)$`, 'i')
const PENDING = new RegExp(`^${SLASH}(?:待答|待回答|unanswered)$`, 'i')
const TEACH = new RegExp(`^${SLASH}教(\\s*[!！])?([\\s\\S]*)$`)
const FORGET = new RegExp(`^${SLASH}忘(?:记)?([\\s\\S]*)$`)
// "=>" as typed on a phone: half- or full-width, or an arrow.
const ARROW = /\s*(?:[=＝][>＞]|→)\s*/

export function parseOperatorCommand(input: string): OperatorCommand | null {
  const text = input.trim()
  if (MY_ID.test(text.replace(/\s+/g, ''))) return { name: 'my-id' }
  if (STATS.test(text)) return { name: 'stats' }
  if (PENDING.test(text)) return { name: 'pending' }
  const teach = TEACH.exec(text)
  if (teach) {
    const body = teach[2]?.trim() ?? ''
    const arrow = body.search(/(?:[=＝][>＞]|→)(?![\s\S]*(?:[=＝][>＞]|→))/) // the last arrow: a question may contain one
    if (arrow < 0) return { name: 'teach-usage' }
    const [question, topic] = [body.slice(0, arrow), body.slice(arrow).replace(ARROW, '')].map((s) => s.trim())
    return question && topic ? { name: 'teach', text: question, topic, force: Boolean(teach[1]) } : { name: 'teach-usage' }
  }
  const forget = FORGET.exec(text)
  if (forget) {
    const question = forget[1]?.trim() ?? ''
    return question ? { name: 'forget', text: question } : { name: 'forget-usage' }
  }
  return null
}

/** The command that teaches `text` to `topic`, as an admin would type it (for buttons and hints). */
export function teachCommand(text: string, topic: string, force = false): string {
  return `/教${force ? '!' : ''} ${text} => ${topic}`
}
