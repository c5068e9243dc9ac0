// `push-tips [--dry-run]`: the daily push now, through the same pushTips the cron uses.
import { loadConfig } from '../config'
import { loadKnowledge } from '../knowledge/knowledge'
import { feishuApiFromConfig } from '../platforms/feishu/client'
import { createTipSender } from '../platforms/messenger'
import { pushTips } from '../tips/push'
import type { PushTipsOptions, PushTipsResult } from '../tips/push'
import { createStore } from '../store'
import type { Store } from '../store/store'
import type { CliIo } from './io'

const USAGE = 'usage: push-tips [--dry-run]'

export interface PushTipsCliDeps {
  /** The platform sender (Feishu API client / WeCom group webhook). Not needed for --dry-run. */
  send?: PushTipsOptions['send']
  /** Defaults to createStore(REDIS_URL); a store passed in is not closed. */
  store?: Store
  now?: Date
  env?: Record<string, string | undefined>
  out?: (line: string) => void
  err?: (line: string) => void
}

export function formatPushResult(result: PushTipsResult, dryRun: boolean): string[] {
  const lines = result.planned.map((p) => {
    const state = dryRun ? 'would send' : result.sent.includes(p.chatId) ? 'sent' : 'not sent'
    return `${state}\t${p.platform}\t${p.chatId}\t${p.tipId}\t${p.to}`
  })
  for (const f of result.failed) lines.push(`failed\t${f.chatId}\t${f.error}`)
  for (const s of result.skipped) lines.push(`skipped\t${s}`)
  return lines
}

/** The CLI body with its sender injected, so the entry (or a test) decides how tips reach the platforms. */
export async function runPushTips(args: string[], deps: PushTipsCliDeps = {}): Promise<number> {
  const out = deps.out ?? ((l: string) => process.stdout.write(`${l}\n`))
  const err = deps.err ?? ((l: string) => process.stderr.write(`${l}\n`))
  const unknown = args.filter((a) => a !== '--dry-run')
  if (unknown.length) {
    err(`unknown argument: ${unknown[0]}\n${USAGE}`)
    return 2
  }
  const dryRun = args.includes('--dry-run')
  if (!dryRun && !deps.send) {
    err('push-tips: no platform sender is wired yet; use --dry-run to see what would be sent')
    return 1
  }
  // The same settings as the bot (REDIS_URL, REDIS_PREFIX, TZ_NAME), so the CLI sees the bot's keys.
  const config = loadConfig(deps.env ?? process.env)
  const created = deps.store ? null : createStore(config)
  if (created?.notice) err(created.notice)
  const store = deps.store ?? created!.store
  try {
    const result = await pushTips({
      store,
      knowledge: loadKnowledge(),
      now: deps.now ?? new Date(),
      timeZone: config.TZ_NAME,
      send: deps.send ?? (async () => { throw new Error('dry run must not send') }),
      dryRun,
      log: err,
    })
    for (const line of formatPushResult(result, dryRun)) out(line)
    return result.failed.length ? 1 : 0
  } finally {
    if (created) await created.store.close()
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const config = loadConfig(io.env)
  const err = (line: string) => void io.stderr.write(`${line}\n`)
  const feishuApi = feishuApiFromConfig(config, { log: err })
  return runPushTips(args, { send: createTipSender({ config, feishuApi }), env: io.env, out: (line) => void io.stdout.write(`${line}\n`), err })
}
