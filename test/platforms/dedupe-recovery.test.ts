// De-duplication across instances when Redis comes back from refusing writes (OOM): a message claimed in one
// process's memory during the outage is recognised by the others afterwards, and while instances may still
// disagree about Redis, a WeCom message is answered through its single-use response_url, not the HTTP response.
// Own redis-server (TEST_REDIS_PORTS), pushed to OOM with CONFIG SET maxmemory.
import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/store'
import { createOutageState, type FailoverOptions } from '../../src/store/failover'
import type { Store } from '../../src/store/store'
import { dedupeKey, outboxLeaseKey } from '../../src/store/keys'
import { testApp } from '../helpers/app'
import { hasRedisServer, oomRedisServer, untilUp } from '../helpers/oom-redis'
import { buildWecomRequest, recordingFetch, textCallback, uniqueId } from './wecom/fixtures'

const PREFIX = 'dedupe-recovery:'
const server = oomRedisServer()
const { oom } = server
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One instance's store, as the Node entry builds it, with short probe and settle times. */
function instanceStore(opts: FailoverOptions = {}): Store {
  return server.track(createStore({ REDIS_URL: server.url(), REDIS_PREFIX: PREFIX }, { failover: { probeEveryMs: 50, log: () => {}, ...opts } }).store)
}

async function untilInRedis(key: string): Promise<string | null> {
  for (let i = 0; i < 50; i++) {
    const v = await server.direct.get(PREFIX + key)
    if (v !== null) return v
    await sleep(20)
  }
  return null
}

describe.skipIf(!hasRedisServer)('claims made in memory while Redis was at OOM', () => {
  it('are copied into Redis when it returns, so another instance does not answer the message again', async () => {
    const a = instanceStore()
    const b = instanceStore()
    const key = dedupeKey('wecom', uniqueId('wx'))
    await oom(true)
    expect(await a.claim(key, 3600)).toBe(true) // in A's memory: Redis refuses the write
    await oom(false)
    await untilUp(a)
    expect(await untilInRedis(key)).toBe('1')
    const ttl = await server.direct.ttl(PREFIX + key)
    expect(ttl).toBeGreaterThan(3500)
    expect(ttl).toBeLessThanOrEqual(3600)
    expect(await b.claim(key, 3600)).toBe(false)
  })

  it('are not copied once given up (a released outbox lease)', async () => {
    const a = instanceStore()
    const lease = outboxLeaseKey(`wecom:${uniqueId('wx')}`)
    const kept = dedupeKey('wecom', uniqueId('wx'))
    await oom(true)
    expect(await a.claim(lease, 30)).toBe(true)
    expect(await a.claim(kept, 30)).toBe(true)
    await a.del(lease)
    await oom(false)
    await untilUp(a)
    expect(await untilInRedis(kept)).toBe('1')
    expect(await server.direct.exists(PREFIX + lease)).toBe(0)
    expect(await a.claim(lease, 30)).toBe(true) // nor held back in A's memory
  })
})

describe.skipIf(!hasRedisServer)('claims made in memory whose copy into Redis fails', () => {
  it('are kept, named in one line, and copied when Redis next returns', async () => {
    // A user whose key rights are cut to the health key once the claims are made: the probe's write succeeds, the
    // claim copies are refused (NOPERM), as copies cut by a timeout would be.
    await server.direct.call('ACL', 'SETUSER', 'copier', 'on', '>copier-pw', '~*', '&*', '+@all')
    const state = createOutageState()
    const logs: string[] = []
    const store = server.track(createStore({ REDIS_URL: server.url('copier:copier-pw'), REDIS_PREFIX: PREFIX }, { failover: { probeEveryMs: 50, log: (m) => void logs.push(m), state } }).store)
    // More than one batch of copies.
    const keys = Array.from({ length: 250 }, () => dedupeKey('wecom', uniqueId('wx')))
    await oom(true)
    for (const key of keys) expect(await store.claim(key, 3600)).toBe(true)
    await server.direct.call('ACL', 'SETUSER', 'copier', 'resetkeys', `~${PREFIX}health`)
    await oom(false)
    await untilUp(store)
    for (let i = 0; i < 100 && !logs.some((l) => l.includes('not copied')); i++) await sleep(20)
    expect(logs.filter((l) => l.includes('not copied'))).toEqual([expect.stringContaining('250 claim(s)')])
    expect(state.memoryClaims.size).toBe(250)
    expect(await server.direct.exists(PREFIX + keys[0]!)).toBe(0)

    await server.direct.call('ACL', 'SETUSER', 'copier', '~*')
    await oom(true)
    await store.set('outage-marker', '1', 10) // refused: back on memory
    await oom(false)
    await untilUp(store)
    for (const key of [keys[0]!, keys[249]!]) expect(await untilInRedis(key)).toBe('1')
    for (let i = 0; i < 100 && state.memoryClaims.size > 0; i++) await sleep(20)
    expect(state.memoryClaims.size).toBe(0)
    expect(await server.direct.exists(...keys.map((k) => PREFIX + k))).toBe(250)
  })
})

describe.skipIf(!hasRedisServer)('a WeCom group message right after Redis returns', () => {
  const wecom = recordingFetch()
  const ask = async (store: Store) => {
    const { send } = testApp({ store, apiBase: 'http://127.0.0.1:9', fetch: wecom.fetch, env: { WECOM_API_BASE: 'http://wecom.test' } })
    const msgId = uniqueId('wx')
    const res = await send(await buildWecomRequest(textCallback('新号怎么起步', { msgId, chatId: uniqueId('chat'), responseUrl: `http://wecom.test/cgi-bin/aibot/response?response_code=${msgId}` })))
    const viaUrl = wecom.calls.filter((c) => c.url.endsWith(`=${msgId}`)).length
    return { passive: (await res.text()).length > 0, viaUrl }
  }

  it('goes through response_url while another instance may still be on memory, and in the HTTP response after that', async () => {
    const store = instanceStore({ settleMs: 400 })
    await oom(true)
    expect(await ask(store)).toEqual({ passive: false, viaUrl: 1 }) // on memory: response_url
    await oom(false)
    await untilUp(store)
    expect(await ask(store)).toEqual({ passive: false, viaUrl: 1 }) // just back: still response_url
    await sleep(450)
    expect(await ask(store)).toEqual({ passive: true, viaUrl: 0 })
  })
})
