export class TimeoutError extends Error {
  override readonly name = 'TimeoutError'
}

/** Rejects with TimeoutError when `work` has not settled after `ms`; the timer never outlives the race. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  // no limit, no timer: the start-up warm-up runs the store where workerd refuses timers
  if (ms === Infinity) return work
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
