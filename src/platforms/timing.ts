// Every time limit of the reply path in one place, so tests and the chaos suite can shrink them together.

export interface DeliveryTiming {
  /**
   * How long a webhook waits for an answer it can put in the HTTP response itself (WeCom's passive reply, the
   * toast of a Feishu card callback) before it acknowledges and sends the answer separately. Feishu wants its
   * answer within 3 s.
   */
  answerInResponseMs: number
  /** Upper bound on one outbound HTTP call: Open API, response_url, group webhook. */
  attemptTimeoutMs: number
  /** How long a request keeps retrying its reply in the background (Workers allow waitUntil 30 s after the response). */
  retryBudgetMs: number
  /** Backoff before retry n is a random wait up to min(backoffMaxMs, backoffBaseMs·2ⁿ) ("full jitter"). */
  backoffBaseMs: number
  backoffMaxMs: number
  /**
   * How long the outbox keeps trying a reply. Feishu accepts a reply uuid once per hour and a WeCom response_url
   * works for an hour, so after that a retry could post twice (Feishu) or not at all (WeCom); 55 min leaves margin.
   */
  outboxWindowMs: number
  /** Node: how often the running process sends what the outbox holds. Workers use the per-minute cron instead. */
  outboxEveryMs: number
  /** Multiplies the waits a platform asks for (x-ogw-ratelimit-reset, Retry-After). 1 in production. */
  scale: number
}

export const DEFAULT_TIMING: DeliveryTiming = {
  answerInResponseMs: 2000,
  attemptTimeoutMs: 5000,
  retryBudgetMs: 20_000,
  backoffBaseMs: 500,
  backoffMaxMs: 8000,
  outboxWindowMs: 55 * 60_000,
  outboxEveryMs: 30_000,
  scale: 1,
}

export function deliveryTiming(overrides: Partial<DeliveryTiming> = {}): DeliveryTiming {
  return { ...DEFAULT_TIMING, ...overrides }
}

/**
 * Every limit above multiplied by `scale`, except the answer-in-response deadline, which is the platforms' (3 s),
 * not ours. Only the chaos suite shrinks time (DELIVERY_TIME_SCALE), so an hour-long window fits in minutes.
 */
export function scaledTiming(scale: number): DeliveryTiming {
  const t = DEFAULT_TIMING
  return {
    answerInResponseMs: t.answerInResponseMs,
    attemptTimeoutMs: t.attemptTimeoutMs * scale,
    retryBudgetMs: t.retryBudgetMs * scale,
    backoffBaseMs: t.backoffBaseMs * scale,
    backoffMaxMs: t.backoffMaxMs * scale,
    outboxWindowMs: t.outboxWindowMs * scale,
    outboxEveryMs: t.outboxEveryMs * scale,
    scale,
  }
}
