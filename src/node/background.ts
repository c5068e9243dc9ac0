// Node only: the stand-in for Workers' ExecutionContext. Background work (replies sent after the ack) runs on;
// it is tracked so a shutdown can wait for it, and its failures are logged.

export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>()

  constructor(private readonly log: (message: string) => void) {}

  readonly ctx = {
    waitUntil: (p: Promise<unknown>) => this.track(p),
    passThroughOnException: () => {},
    props: {},
  }

  private track(p: Promise<unknown>): void {
    const tracked: Promise<unknown> = p
      .catch((e: unknown) => this.log(`background work failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.pending.delete(tracked))
    this.pending.add(tracked)
  }

  get size(): number {
    return this.pending.size
  }

  /** Waits until everything tracked has settled, or `ms` has passed; resolves with how many were still running. */
  async settle(ms: number): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, ms)))
    while (this.pending.size > 0) {
      const all = Promise.allSettled([...this.pending]).then(() => 'done' as const)
      if ((await Promise.race([all, timeout.then(() => 'timeout' as const)])) === 'timeout') break
    }
    clearTimeout(timer)
    return this.pending.size
  }
}
