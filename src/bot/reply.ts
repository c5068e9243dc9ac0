import type { ButtonAction } from './message'

/** A block of the reply body. Renderers map each kind to their platform's nearest element. */
export type Block =
  | { kind: 'markdown'; text: string }
  | { kind: 'points'; title?: string; items: string[] }
  | { kind: 'fields'; items: { label: string; value: string }[] }
  | { kind: 'divider' }

export interface Button {
  label: string
  action: ButtonAction
  style?: 'primary' | 'default' | 'danger'
}

/** How the matcher judged a question; set by the handler that asked it (operator tools show it, platforms ignore it). */
export interface MatchDecision {
  /** The intent answered, or null for the fallback. */
  intent: string | null
  score: number
  /** Why, in a few words, when the matcher says. */
  reason?: string
}

export type ReplyTone = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'purple'

/** The neutral reply model every handler returns; platform renderers turn it into cards or markdown. */
export interface Reply {
  /** 'toast': a short acknowledgement; shown as a toast where the platform has one (Feishu card callbacks), else as text. */
  kind: 'answer' | 'fallback' | 'help' | 'title-check' | 'tip' | 'notice' | 'toast'
  title: string
  tone: ReplyTone
  blocks: Block[]
  /** Where the content comes from, shown as a footnote (article section, "based on a 2024 article"). */
  source?: string
  buttons: Button[]
  /** The intent this reply answers, when it answers one (for feedback and sessions). */
  intent?: string
  /** Present when the reply came from the matcher. */
  decision?: MatchDecision
}
