/** A platform send that failed, classified so callers can decide: back off, skip the chat, or give up. */
export class SendError extends Error {
  constructor(
    message: string,
    /** Platform error code (Feishu `code`, WeCom `errcode`) or HTTP status when there is none (0: no answer at all). */
    readonly code: number,
    /**
     * 'rate-limited': wait retryAfterMs and retry; 'unavailable': the platform did not take it (network error,
     * timeout, 5xx, expired token) and a retry may succeed; 'gone': the bot is no longer in that chat;
     * 'failed': the platform refused it, and the same request would be refused again.
     */
    readonly kind: 'rate-limited' | 'unavailable' | 'gone' | 'failed',
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'SendError'
  }
}
