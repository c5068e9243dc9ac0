/** A platform send that failed, classified so callers can decide: back off, skip the chat, or give up. */
export class SendError extends Error {
  constructor(
    message: string,
    /** Platform error code (Feishu `code`, WeCom `errcode`) or HTTP status when there is none. */
    readonly code: number,
    /** 'rate-limited': wait retryAfterMs and retry; 'gone': the bot is no longer in that chat; 'failed': anything else. */
    readonly kind: 'rate-limited' | 'gone' | 'failed',
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'SendError'
  }
}
