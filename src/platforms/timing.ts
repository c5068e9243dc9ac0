// Every time limit of the reply path in one place, so tests and the chaos suite can shrink them together.

export interface DeliveryTiming {
  /**
   * How long a webhook waits for an answer it can put in the HTTP response itself (WeCom's passive reply, the
   * toast of a Feishu card callback) before it acknowledges and sends the answer separately. Feishu wants its
   * answer within 3 s.
   */
  answerInResponseMs: number
}

export const DEFAULT_TIMING: DeliveryTiming = {
  answerInResponseMs: 2000,
}

export function deliveryTiming(overrides: Partial<DeliveryTiming> = {}): DeliveryTiming {
  return { ...DEFAULT_TIMING, ...overrides }
}
