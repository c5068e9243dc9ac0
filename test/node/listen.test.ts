// The Node server (@hono/node-server) in front of the real app: what the bound address and start-up errors look
// like, and what becomes of a keep-alive connection after the app refuses a request early.
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackgroundWork } from '../../src/node/background'
import { boundUrl, listen, type Listening } from '../../src/node/listen'
import type { Store } from '../../src/store/store'
import { testApp } from '../helpers/app'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT, feishuRequest, textMessage, uid } from '../helpers/feishu'
import { RawConnection } from '../helpers/raw-http'
import { prefixedRedisStore, testPrefix } from '../helpers/redis-test-store'

const prefix = testPrefix('node-listen')
let store: Store
let api: FakeOpenApi
let server: Listening
let background: BackgroundWork
let port: number

beforeAll(async () => {
  store = prefixedRedisStore(prefix)
  api = new FakeOpenApi(BOT)
  await api.start()
  const { app } = testApp({ store, apiBase: api.url })
  background = new BackgroundWork(() => {})
  server = await listen((req) => app.fetch(req, {}, background.ctx), '127.0.0.1', 0, () => {})
  port = Number(new URL(server.url).port)
})

afterAll(async () => {
  server.server.closeAllConnections()
  await new Promise((r) => server.server.close(r))
  await api.stop()
  await store.close()
})

/** A signed, encrypted question as Feishu sends it, as raw headers and body. */
async function question(messageId: string) {
  const req = await feishuRequest(textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId }))
  const headers = Object.fromEntries(req.headers)
  delete headers['content-length']
  return { headers, body: await req.text() }
}

async function answeredAfter(conn: RawConnection) {
  const messageId = uid('om')
  const q = await question(messageId)
  conn.request('POST', '/webhook/feishu', q.headers, q.body)
  const res = await conn.response()
  await background.settle(5000)
  return { res, replies: api.sent('reply').filter((c) => c.path.includes(messageId)).length }
}

describe('listen', () => {
  it('reports the address it actually bound', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(boundUrl({ address: '0.0.0.0', family: 'IPv4', port: 8787 })).toBe('http://0.0.0.0:8787')
    expect(boundUrl({ address: '::', family: 'IPv6', port: 8787 })).toBe('http://[::]:8787')
  })

  it('fails with one line naming the cause when the port is taken', async () => {
    const holder: Server = createServer()
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r))
    const taken = (holder.address() as { port: number }).port
    const err = await listen(() => new Response(), '127.0.0.1', taken, () => {}).catch((e: Error) => e)
    holder.close()
    expect((err as Error).message).toBe(`cannot listen on 127.0.0.1:${taken}: the port is already in use (EADDRINUSE); stop the other process or set PORT to a free port`)
  })
})

describe('keep-alive after an early refusal', () => {
  it('answers a valid event sent right after a declared-oversize body on the same connection', async () => {
    const conn = await RawConnection.open(port)
    conn.request('POST', '/webhook/feishu', { 'content-type': 'application/json' }, Buffer.alloc(2 * 1024 * 1024, 'a'))
    expect((await conn.response())?.status).toBe(413)
    const { res, replies } = await answeredAfter(conn)
    conn.close()
    expect(res?.status).toBe(200)
    expect(replies).toBe(1)
  })

  it('answers a valid event sent right after a chunked body that turned out oversize', async () => {
    const conn = await RawConnection.open(port)
    conn.request('POST', '/webhook/feishu', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    for (let i = 0; i < 24; i++) conn.write(`10000\r\n${'a'.repeat(0x10000)}\r\n`)
    conn.write('0\r\n\r\n')
    expect((await conn.response())?.status).toBe(413)
    const { res, replies } = await answeredAfter(conn)
    conn.close()
    expect(res?.status).toBe(200)
    expect(replies).toBe(1)
  })

  it('answers a valid event sent right after a request refused before its body was read', async () => {
    const conn = await RawConnection.open(port)
    conn.request('POST', '/webhook/wecom', { 'content-type': 'application/json' }, '{"encrypt":"x"}')
    expect((await conn.response())?.status).toBe(400)
    const { res, replies } = await answeredAfter(conn)
    conn.close()
    expect(res?.status).toBe(200)
    expect(replies).toBe(1)
  })

  it('closes the connection instead of reading a declared body far over the limit', async () => {
    const conn = await RawConnection.open(port)
    conn.request('POST', '/webhook/feishu', { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) })
    const res = await conn.response()
    expect(res?.status).toBe(413)
    expect(res?.headers.connection).toBe('close')
    expect(await conn.response(2000)).toBeNull()
    expect(conn.isClosed).toBe(true)
  })
})
