// The warm-up's Redis connection that never leaves the isolate: ioredis speaks to it as to a server, with no socket.
import { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { inMemoryRedisClient } from '../../src/store/in-memory-redis'
import { RedisStore } from '../../src/store/redis'

describe('inMemoryRedisClient', () => {
  it('answers the commands the store sends as Redis would, under the key prefix', async () => {
    const client = inMemoryRedisClient('p:')
    const store = new RedisStore(client)
    expect(await store.claim('k', 60)).toBe(true)
    expect(await store.claim('k', 60)).toBe(false)
    await store.set('s', '值', 60)
    expect(await store.get('s')).toBe('值')
    expect(await store.get('missing')).toBeNull()
    await store.hset('h', 'a', '{"text":"一"}')
    await store.hset('h', 'b', '二')
    expect(await store.hgetall('h')).toEqual({ a: '{"text":"一"}', b: '二' })
    expect(await store.incr('n', 60)).toBe(1)
    expect(await store.zaddBounded('z', 'm', 1, { keep: 10, minScore: 0, ttlSeconds: 60 })).toEqual([])
    // QUIT is answered, then the connection closes, as a server closes it
    const ended = new Promise((resolve) => client.once('end', resolve))
    expect(await client.quit()).toBe('OK')
    await ended
    expect(client.status).toBe('end')
  })

  it('reads SET flags only after the value, and takes every pair of HSET and every key of DEL', async () => {
    const client = inMemoryRedisClient('p:')
    await client.set('a', 'x')
    await client.set('a', 'nx')
    expect(await client.get('a')).toBe('nx')
    expect(await client.set('a', 'y', 'EX', 60, 'NX')).toBeNull()
    expect(await client.hset('h', 'f1', 'v1', 'f2', 'v2')).toBe(2)
    expect(await client.hgetall('h')).toEqual({ f1: 'v1', f2: 'v2' })
    expect(await client.del('a', 'h')).toBe(2)
    expect([await client.get('a'), await client.hgetall('h')]).toEqual([null, {}])
    client.disconnect()
  })

  it('opens no socket: the client is connected the moment its first command runs', async () => {
    const client = inMemoryRedisClient('p:')
    await client.get('x')
    expect(client.status).toBe('ready')
    // in-memory.invalid never resolves: ready means no TCP socket was asked for
    expect((client as unknown as { stream: object }).stream).not.toBeInstanceOf(Socket)
    client.disconnect()
  })
})
