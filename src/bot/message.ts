/** What a button on a reply asks the bot to do when pressed. Platforms carry it as the button's callback value. */
export type ButtonAction =
  | { type: 'ask'; intent: string }
  /** `question`: the logged question the answer was for, so the vote can be linked to it */
  | { type: 'feedback'; intent: string; vote: 'up' | 'down'; question?: string }
  | { type: 'command'; command: string }
  /** Admin's /待答 button: teach the logged question (by id) to the intent. */
  | { type: 'teach'; question: string; intent: string }

export type Platform = 'feishu' | 'wecom'

/** One thing a group member did, in platform-neutral form: typed text or a pressed button. */
export interface InboundMessage {
  platform: Platform
  chatId: string
  chatType: 'group' | 'p2p'
  /** Platform message id (Feishu message_id, WeCom msgid); the de-duplication key. */
  messageId: string
  senderId: string
  /** The text with the bot's own @mention removed, trimmed. Empty for button presses. */
  text: string
  mentionsBot: boolean
  /** Set when the user pressed a button instead of typing. */
  action?: ButtonAction
  /** The platform payload, kept for logging and platform-specific replies; handlers must not read it. */
  raw?: unknown
}
