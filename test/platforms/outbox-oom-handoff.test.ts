// A WeCom reply kept while Redis refused writes (OOM) lived only in the keeping process's memory: when that process
// stopped (or died) before its next drain, the reply was lost, with no line naming it. The chaos run's lost WeCom
// group question of the OOM phase was this: instance A is stopped 3 s after that phase. Own redis-server
// (TEST_REDIS_PORTS), pushed to OOM with CONFIG SET maxmemory, as at a full Redis.
import { describe, expect, it } from 'vitest'
import { createBot } from '../../src/app'
import { loadConfig } from '../../src/config'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { realClock, type Clock } from '../../src/platforms/retry'
import { createStore } from '../../src/store'
import { testCtx } from '../helpers/feishu'
import { hasRedisServer, oomRedisServer, untilUp } from '../helpers/oom-redis'
import { WECOM_AES_KEY, WECOM_TOKEN, buildWecomRequest, recordingFetch, textCallback, uniqueId } from './wecom/fixtures'

const WECOM_BASE = 'http://wecom.chaos.test'
const server = oomRedisServer()
const { oom } = server

// Each response_url takes one post; the first post of each is refused with a 429 asking for 30 s.
const posted = new Map<string, number>()
const shown = new Set<string>()
const wecom = recordingFetch((url) => {
  const tries = (posted.get(url) ?? 0) + 1
  posted.set(url, tries)
  if (tries === 1) return new Response('{"errcode":45009,"errmsg":"api freq out of limit"}', { status: 429, headers: { 'retry-after': '30' } })
  if (shown.has(url)) return Response.json({ errcode: 40001, errmsg: 'response_url already used' })
  shown.add(url)
  return Response.json({ errcode: 0, errmsg: 'ok' })
})

/** One bot process (its own memory and outbox copy) on its own connection to the shared Redis. */
function instance(shift: { ms: number }) {
  const logs: string[] = []
  const log = (m: string) => void logs.push(m)
  const store = server.track(createStore({ REDIS_URL: server.url(), REDIS_PREFIX: 'oom-handoff:' }, { failover: { timeoutMs: 300, probeEveryMs: 50, log } }).store)
  const config = loadConfig({ WECOM_BOT_TOKEN: WECOM_TOKEN, WECOM_BOT_ENCODING_AES_KEY: WECOM_AES_KEY, WECOM_API_BASE: WECOM_BASE })
  const clock: Clock = { ...realClock, now: () => Date.now() + shift.ms, sleep: async () => {} }
  const bot = createBot({ config, knowledge: loadKnowledge(), feishuApi: null, fetch: wecom.fetch, log, clock, timing: { retryBudgetMs: 2000 }, openStore: () => ({ store, release: async () => {} }) })
  const ask = async (msgId: string) => {
    const t = testCtx()
    const cb = textCallback('新号怎么起步', { msgId, chatId: uniqueId('chat'), responseUrl: `${WECOM_BASE}/cgi-bin/aibot/response?response_code=${msgId}` })
    const res = await bot.app.fetch(await buildWecomRequest(cb), {}, t.ctx)
    await t.settle()
    return res
  }
  const recover = () => untilUp(store)
  return { bot, store, ask, recover, logs }
}

const repliesTo = (msgId: string) => [...shown].filter((u) => u.endsWith(`=${msgId}`)).length

/** Instance A (on `shift`'s clock), asked `msgId` while Redis refused writes (kept in memory and in A's own copy), and
 *  since back on Redis. */
async function askedDuringOom(shift: { ms: number }) {
  const a = instance(shift)
  const msgId = uniqueId('wx')
  await oom(true)
  await a.ask(msgId)
  await oom(false)
  await a.recover()
  return { a, msgId }
}

describe.skipIf(!hasRedisServer)('a WeCom reply kept while Redis was at OOM', () => {
  it('is sent by another instance after the process that kept it stops', async () => {
    const shift = { ms: 0 }
    const a = instance(shift)
    const b = instance(shift)
    const msgId = uniqueId('wx')
    await oom(true)
    expect((await a.ask(msgId)).status).toBe(200)
    expect(posted.get(`${WECOM_BASE}/cgi-bin/aibot/response?response_code=${msgId}`)).toBe(1) // the 429: kept for later
    await oom(false)
    await a.recover()
    // A stops the way src/node/main.ts stops it on SIGTERM, before its timer drained the outbox again.
    await a.bot.handOff(a.store)

    shift.ms = 31_000
    await b.recover()
    const report = await b.bot.drainOutbox(b.store)
    expect(report.sent).toBe(1)
    expect(repliesTo(msgId)).toBe(1)
  })

  it('is sent by another instance even when the keeping process dies without a goodbye, once it has drained after Redis returned', async () => {
    const shift = { ms: 0 }
    const { a, msgId } = await askedDuringOom(shift)
    const b = instance(shift)
    // A's timer drain after Redis returned: nothing is due yet (the 429 asked for 30 s), but the entry is made shared.
    expect((await a.bot.drainOutbox(a.store)).sent).toBe(0)
    // …then A is killed (SIGKILL): nothing more from it.

    shift.ms = 31_000
    await b.recover()
    expect((await b.bot.drainOutbox(b.store)).sent).toBe(1)
    expect(repliesTo(msgId)).toBe(1)
  })

  it('once sent, does not come back from memory in the next outage', async () => {
    const shift = { ms: 0 }
    const { a, msgId } = await askedDuringOom(shift)
    shift.ms = 31_000
    expect((await a.bot.drainOutbox(a.store)).sent).toBe(1)
    await oom(true)
    expect(await a.store.health()).toBe('down')
    expect(await a.bot.drainOutbox(a.store)).toMatchObject({ pending: 0, sent: 0, givenUp: 0 })
    expect(repliesTo(msgId)).toBe(1)
  })

  it('names the reply as lost when Redis starts refusing writes, unnoticed, just before the stop', async () => {
    const shift = { ms: 0 }
    const { a, msgId } = await askedDuringOom(shift)
    // Full again, and A has not noticed: its hand-off's write is the first to meet the refusal.
    await oom(true)
    expect(await a.bot.handOff(a.store)).toEqual({ handedOver: 0, lost: 1 })
    expect(a.logs.filter((l) => l.includes(msgId))).toEqual([expect.stringMatching(/not handed over.*Redis/)])
  })

  it('names the reply it cannot hand over when Redis is still refusing writes at the stop', async () => {
    const shift = { ms: 0 }
    const a = instance(shift)
    const msgId = uniqueId('wx')
    await oom(true)
    await a.ask(msgId)
    await a.bot.handOff(a.store)
    expect(a.logs.filter((l) => l.includes(msgId))).toEqual([expect.stringMatching(/not handed over.*Redis/)])
  })

  it('names the reply as lost when Redis stops answering, unnoticed, and memory still lists it from the earlier outage', async () => {
    const shift = { ms: 0 }
    const { a, msgId } = await askedDuringOom(shift)
    // Redis stops answering (longer than the 300 ms timeout); A has not noticed. Its listing is the first call to
    // time out, and the memory it falls back to still holds the entry written there during the OOM.
    void server.direct.call('CLIENT', 'PAUSE', '1500')
    await new Promise((r) => setTimeout(r, 50))
    expect(await a.bot.handOff(a.store)).toEqual({ handedOver: 0, lost: 1 })
    expect(a.logs.filter((l) => l.includes(msgId))).toEqual([expect.stringMatching(/not handed over.*Redis/)])
  })
})
