// Node only: the Worker gets its schedule from wrangler.toml [triggers] instead.
import { Cron } from 'croner'

export interface TipSchedulerOptions {
  /** TIP_CRON, e.g. '0 9 * * *' (5 fields; a leading seconds field is allowed). */
  cron: string
  /** TZ_NAME: the cron fires on this zone's wall clock. */
  timeZone: string
  /** The push, usually () => pushTips({...}). */
  run: () => Promise<unknown>
  log?: (line: string) => void
}

/** Why a cron pattern / zone pair cannot be scheduled, or null — for config validation at start-up. */
export function cronProblem(cron: string, timeZone: string): string | null {
  try {
    const probe = new Cron(cron, { timezone: timeZone, paused: true })
    const ok = probe.nextRun() !== null
    probe.stop()
    return ok ? null : 'never fires'
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}

/**
 * Runs `run` on the cron in the community's zone. A run still going when the next is due is skipped (protect), and
 * errors are logged, never thrown: the process serving webhooks must not die because one morning's push failed.
 * Returns a function that stops the schedule.
 */
export function startTipScheduler(opts: TipSchedulerOptions): () => void {
  const log = opts.log ?? ((line: string) => console.error(line))
  let job: Cron
  try {
    job = new Cron(
      opts.cron,
      {
        timezone: opts.timeZone,
        protect: () => log('[tips] previous push still running; skipping this tick'),
        catch: (err: unknown) => log(`[tips] push failed: ${err instanceof Error ? err.message : String(err)}`),
      },
      async () => {
        await opts.run()
      },
    )
  } catch (err) {
    log(`[tips] daily push NOT scheduled: bad cron "${opts.cron}" in ${opts.timeZone}: ${err instanceof Error ? err.message : String(err)}`)
    return () => {}
  }
  log(`[tips] daily push scheduled "${opts.cron}" (${opts.timeZone}), next ${job.nextRun()?.toISOString() ?? 'never'}`)
  return () => job.stop()
}
