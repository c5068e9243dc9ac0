import { parseButtonAction } from '../../bot/button-action'
import type { ButtonAction } from '../../bot/message'

// A template_card button carries only a string `key` (≤ 1024 bytes, unique within the card; WeCom template-card
// doc, Button 结构体), returned as event_key on the click. We pack the ButtonAction into it as `<tag>:<value>`;
// feedback and teach keys are `<tag>:<intent>[:<question id>]`.

export const BUTTON_KEY_MAX_BYTES = 1024

/** The compact key for an action, or null when it would not fit WeCom's limit. */
export function encodeButtonKey(action: ButtonAction): string | null {
  const key =
    action.type === 'ask'
      ? `a:${action.intent}`
      : action.type === 'feedback'
        ? `${action.vote === 'up' ? 'u' : 'd'}:${action.intent}${action.question ? `:${action.question}` : ''}`
        : action.type === 'teach'
          ? `t:${action.intent}:${action.question}`
          : `c:${action.command}`
  return new TextEncoder().encode(key).length <= BUTTON_KEY_MAX_BYTES ? key : null
}

/** The action behind a key that came back from WeCom (untrusted), or null when it is not one of ours. */
export function decodeButtonKey(key: string): ButtonAction | null {
  const sep = key.indexOf(':')
  if (sep < 1) return null
  const tag = key.slice(0, sep)
  const value = key.slice(sep + 1)
  switch (tag) {
    case 'a':
      return parseButtonAction({ type: 'ask', intent: value })
    case 'u':
    case 'd': {
      // intent ids and question ids have no ':', so "<intent>[:<question>]" splits unambiguously
      const [intent, question, extra] = value.split(':')
      if (extra !== undefined) return null
      return parseButtonAction({ type: 'feedback', intent, vote: tag === 'u' ? 'up' : 'down', ...(question !== undefined ? { question } : {}) })
    }
    case 't': {
      const [intent, question, extra] = value.split(':')
      return extra === undefined ? parseButtonAction({ type: 'teach', intent, question }) : null
    }
    case 'c':
      return parseButtonAction({ type: 'command', command: value })
    default:
      return null
  }
}
