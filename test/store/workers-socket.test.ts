// The Worker's Redis connection (store/workers-socket.ts) against a real Redis. workerd's connect() exists only in
// workerd (test/worker/workerd.test.ts runs the Worker there); here a stand-in gives a Node TCP socket the same shape
// (a readable stream, a writer and an `opened` promise: helpers/cloudflare-sockets-node.mjs), so the adapter's
// reading, writing, closing and failures are tested in Node.
import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/store'
import { workersSocketConnector, type WorkersConnect } from '../../src/store/workers-socket'
import { REDIS_URL, testPrefix } from '../helpers/redis-test-store'
import { freePort } from '../helpers/redis-server-process'
import { connect } from '../helpers/cloudflare-sockets-node.mjs'

const prefix = testPrefix('workers-socket')
const opened: { hostname: string; port: number; secureTransport: string }[] = []

/** cloudflare:sockets' connect(), over node:net, noting where it was asked to connect. */
const nodeConnect: WorkersConnect = (address, options) => {
  opened.push({ ...address, secureTransport: options.secureTransport })
  return connect(address, options)
}

const Connector = workersSocketConnector(nodeConnect)
const logs: string[] = []
const open = (url = REDIS_URL, connector = Connector) =>
  createStore({ REDIS_URL: url, REDIS_PREFIX: prefix }, { perRequest: true, Connector: connector, failover: { log: (m) => logs.push(m) } }).store

describe('the Worker socket connector', () => {
  it('carries commands and replies, a reply longer than one read included, and closes on QUIT', async () => {
    const store = open()
    const big = '红'.repeat(100_000) // 300 kB: arrives in many reads
    await store.set('ws:big', big, 60)
    await store.hset('ws:hash', 'a', '1')
    await store.hset('ws:hash', 'b', '2')
    expect(await store.get('ws:big')).toBe(big)
    expect(await store.hgetall('ws:hash')).toEqual({ a: '1', b: '2' })
    expect(store.kind).toBe('redis')
    await store.close()
    // a second request's store reads what the first wrote, over its own connection
    const next = open()
    expect(await next.get('ws:big')).toHaveLength(100_000)
    await next.close()
    const local = opened.filter((o) => o.port === Number(new URL(REDIS_URL).port || 6379))
    expect(local.length).toBeGreaterThanOrEqual(2)
    expect(local.every((o) => o.secureTransport === 'off' && o.hostname === new URL(REDIS_URL).hostname)).toBe(true)
    expect(logs).toEqual([])
  })

  it('asks for TLS for rediss:// (which the stand-in refuses), and a failed connection leaves the store answering from memory, saying why', async () => {
    const port = await freePort()
    const store = open(`rediss://127.0.0.1:${port}`)
    await store.set('ws:k', 'v', 60)
    expect(await store.get('ws:k')).toBe('v')
    expect(opened.at(-1)).toEqual({ hostname: '127.0.0.1', port, secureTransport: 'on' })
    expect(logs.splice(0).sort()).toEqual([
      expect.stringMatching(/^\[store\] Redis at rediss:\/\/127\.0\.0\.1:\d+ unreachable: TLS is not offered by the Node stand-in/),
      expect.stringMatching(/Redis unavailable \(set: Connection is closed/),
    ])
    await store.close()
    const refused = open(`redis://127.0.0.1:${port}`)
    await refused.set('ws:k', 'v', 60)
    expect(logs.splice(0)[0]).toMatch(/unreachable: connect ECONNREFUSED/)
    await refused.close()
  })

  it('answers from memory when the socket never opens, and close gives up on it', async () => {
    const never: WorkersConnect = () => ({
      readable: new ReadableStream(),
      writable: new WritableStream(),
      opened: new Promise(() => {}),
      close: async () => {},
    })
    const store = open(REDIS_URL, workersSocketConnector(never))
    await store.set('ws:never', 'v', 60)
    expect(await store.get('ws:never')).toBe('v')
    await expect(store.close()).resolves.toBeUndefined()
    expect(logs.splice(0)).toEqual([expect.stringMatching(/Redis unavailable \(set: Redis set timed out/)])
  })
})
