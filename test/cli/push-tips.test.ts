import { afterAll, describe, expect, it } from 'vitest'
import { runPushTips } from '../../src/cli/push-tips'
import { SUBSCRIPTIONS_KEY } from '../../src/store/keys'
import type { Subscription } from '../../src/tips/subscriptions'
import { subscribe } from '../../src/tips/subscriptions'
import { runCli } from '../helpers/cli'
import { REDIS_URL, deleteKeys, keysUnder, prefixedRedisStore, randomPrefix } from '../helpers/redis-test-store'

const prefix = randomPrefix('cli-push-tips')
const store = prefixedRedisStore(prefix)
afterAll(async () => {
  await store.close()
  await deleteKeys(prefix)
})
const NOW = new Date('2026-11-24T01:00:00Z')
const env = { TZ_NAME: 'Asia/Shanghai' }

describe('cli push-tips', () => {
  it('--dry-run lists what would go where and leaves no claim behind', async () => {
    await subscribe(store, { platform: 'feishu', chatId: 'oc_cli', since: NOW.toISOString() })
    await subscribe(store, { platform: 'wecom', chatId: 'wr_cli', webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secretkey', since: NOW.toISOString() })
    const out: string[] = []
    const code = await runPushTips(['--dry-run'], { store, now: NOW, env, out: (l) => out.push(l), err: () => {} })
    expect(code).toBe(0)
    expect(out).toHaveLength(2)
    expect(out[0]).toMatch(/^would send\tfeishu\toc_cli\t[a-z0-9-]+\tfeishu chat$/)
    expect(out[1]).toMatch(/^would send\twecom\twr_cli\t[a-z0-9-]+\thttps:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=secr…$/)
    expect(await keysUnder(prefix)).toEqual([SUBSCRIPTIONS_KEY])
  })

  it('sends through the injected sender and reports it', async () => {
    const got: Subscription[] = []
    const out: string[] = []
    const code = await runPushTips([], { store, now: NOW, env, send: async (sub) => { got.push(sub) }, out: (l) => out.push(l), err: () => {} })
    expect(code).toBe(0)
    expect(got.map((s) => s.chatId).sort()).toEqual(['oc_cli', 'wr_cli'])
    expect(out.filter((l) => l.startsWith('sent\t'))).toHaveLength(2)
  })

  it('refuses a real run when no sender is wired, and rejects unknown flags', async () => {
    const err: string[] = []
    expect(await runPushTips([], { store, env, out: () => {}, err: (l) => err.push(l) })).toBe(1)
    expect(err[0]).toMatch(/--dry-run/)
    expect(await runPushTips(['--now'], { store, env, out: () => {}, err: () => {} })).toBe(2)
  })

  it('opens the store under REDIS_PREFIX, so it sees the keys the bot wrote', async () => {
    const out: string[] = []
    const code = await runPushTips(['--dry-run'], { now: NOW, env: { ...env, REDIS_URL, REDIS_PREFIX: prefix }, out: (l) => out.push(l), err: () => {} })
    expect(code).toBe(0)
    // Both subscriptions, and the tips the test above sent today: subscriptions and claims are under the prefix.
    expect(out).toEqual(['skipped\toc_cli', 'skipped\twr_cli'])
  })

  it('runs as a subcommand with the in-memory store when REDIS_URL is unset', async () => {
    const r = await runCli(['push-tips', '--dry-run'], { env: { TZ_NAME: 'Asia/Shanghai' } })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('in-memory')
    expect(r.stderr).toMatch(/tips \d{4}-\d{2}-\d{2}: sent 0, skipped 0, failed 0/)
  })
})
