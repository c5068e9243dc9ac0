// The taught snapshot in a real Redis: written after every change for the version it follows, read by a fresh
// instance in one GET, and ignored when it was written for another version (the hash is read instead).
import { afterAll, describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { TAUGHT_KEY, TAUGHT_SNAPSHOT_KEY, TAUGHT_VERSION_KEY } from '../../src/store/keys'
import { readSnapshot } from '../../src/teach/snapshot'
import { forget, listTaught, teach, TaughtOverlay } from '../../src/teach'
import { prefixedRedisStore, testPrefix } from '../helpers/redis-test-store'

const knowledge = loadKnowledge()
const store = prefixedRedisStore(testPrefix('taught-snapshot'))
afterAll(() => store.close())

const version = () => store.get(TAUGHT_VERSION_KEY)

describe('the taught snapshot', () => {
  it('holds every phrasing for the current version after teach and forget', async () => {
    await teach(store, knowledge, '发笔记用什么相机好', 'keyword-layout')
    await teach(store, knowledge, '笔记配乐去哪找', 'content-style')
    const texts = (await readSnapshot(store, await version()))?.map((p) => p.text)
    expect(texts).toEqual((await listTaught(store)).map((p) => p.text))
    expect(texts).toHaveLength(2)
    await forget(store, knowledge, '笔记配乐去哪找')
    expect((await readSnapshot(store, await version()))?.map((p) => p.text)).toEqual(['发笔记用什么相机好'])
  })

  it('is what a fresh instance loads, and is ignored for another version, where the hash is read', async () => {
    // A phrasing written to the hash behind the snapshot's back shows whether the overlay read the snapshot.
    const current = (await version())!
    await store.hset(TAUGHT_KEY, 'only in the hash', JSON.stringify({ text: '只在哈希里的问题', intent: 'new-account', at: new Date().toISOString() }))
    const fromSnapshot = await new TaughtOverlay().sync(store, knowledge)
    expect(fromSnapshot.size).toBe(1)
    expect(fromSnapshot.match('发笔记用什么相机好')?.intent).toBe('keyword-layout')

    await store.set(TAUGHT_VERSION_KEY, `${current}-raced`, 60)
    expect(await readSnapshot(store, `${current}-raced`)).toBeNull()
    const fromHash = await new TaughtOverlay().sync(store, knowledge)
    expect(fromHash.size).toBe(2)
    expect(fromHash.match('只在哈希里的问题')?.intent).toBe('new-account')
  })

  it('is ignored when it is not a snapshot', async () => {
    await store.set(TAUGHT_SNAPSHOT_KEY, '{not json', 60)
    expect(await readSnapshot(store, await version())).toBeNull()
    expect(await readSnapshot(store, null)).toBeNull()
  })
})
