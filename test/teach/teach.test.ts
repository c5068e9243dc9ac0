import { describe, expect, it } from 'vitest'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { MemoryStore } from '../../src/store/memory'
import { decideQuestion, forget, listTaught, resolveIntent, teach, TaughtOverlay } from '../../src/teach'

const knowledge = loadKnowledge()
// A question the bundled knowledge does not answer (checked below, so the test notices if that changes).
const QUESTION = '发笔记用什么相机好'

describe('teaching a phrasing', () => {
  it('starts as a fallback, is answered as the taught topic once taught, and falls back again once forgotten', async () => {
    const store = new MemoryStore()
    const overlay = new TaughtOverlay()
    expect(getMatcher(knowledge).match(QUESTION).intent).toBeNull()
    const taught = await teach(store, knowledge, QUESTION, 'keyword-layout')
    expect(taught.status).toBe('taught')
    const after = decideQuestion(knowledge, await overlay.sync(store, knowledge), QUESTION)
    expect(after).toMatchObject({ intent: 'keyword-layout', reason: 'taught phrasing' })
    // order and particles do not matter; a different content word does
    expect(decideQuestion(knowledge, await overlay.sync(store, knowledge), '用什么相机发笔记好呢？').taught?.intent).toBe('keyword-layout')
    expect(decideQuestion(knowledge, await overlay.sync(store, knowledge), '发视频用什么相机好').taught).toBeUndefined()
    expect(await forget(store, knowledge, `${QUESTION}？`)).toMatchObject({ status: 'forgotten' })
    expect(decideQuestion(knowledge, await overlay.sync(store, knowledge), QUESTION).taught).toBeUndefined()
  })

  it('takes a topic by id or by its title, and says when there is no such topic', async () => {
    const title = knowledge.byId.get('keyword-layout')!.title
    expect(resolveIntent(knowledge, title)?.id).toBe('keyword-layout')
    expect(resolveIntent(knowledge, ' Keyword-Layout ')?.id).toBe('keyword-layout')
    expect(await teach(new MemoryStore(), knowledge, QUESTION, '不存在的主题')).toMatchObject({ status: 'invalid' })
  })

  it('refuses empty and over-long phrasings, and says when the knowledge already has it', async () => {
    const store = new MemoryStore()
    expect(await teach(store, knowledge, '？！', 'keyword-layout')).toMatchObject({ status: 'invalid' })
    expect(await teach(store, knowledge, '问'.repeat(201), 'keyword-layout')).toMatchObject({ status: 'invalid' })
    const own = knowledge.byId.get('keyword-layout')!.phrasings[0]!
    expect(await teach(store, knowledge, own, 'keyword-layout')).toEqual({ status: 'known', intent: 'keyword-layout' })
    expect(await listTaught(store)).toEqual([])
  })

  it('asks for force when the phrasing is another topic\'s, and records it when forced', async () => {
    const store = new MemoryStore()
    const other = knowledge.byId.get('live-commerce')!.phrasings[0]!
    const refused = await teach(store, knowledge, other, 'keyword-layout')
    expect(refused.status).toBe('conflicts')
    if (refused.status !== 'conflicts') return
    expect(refused.conflicts).toContainEqual({ kind: 'duplicate', text: other, intent: 'live-commerce' })
    expect(await listTaught(store)).toEqual([])
    const forced = await teach(store, knowledge, other, 'keyword-layout', { force: true })
    expect(forced.status).toBe('taught')
    expect((await listTaught(store)).map((p) => p.intent)).toEqual(['keyword-layout'])
  })

  it('names the phrasings of other topics it would pull away (same words, other order or particles)', async () => {
    const store = new MemoryStore()
    const other = knowledge.byId.get('live-commerce')!.phrasings.find((p) => !/[呢吗啊]$/.test(p))!
    const refused = await teach(store, knowledge, `${other}呢`, 'keyword-layout')
    expect(refused).toMatchObject({ status: 'conflicts', conflicts: [{ kind: 'pulls', text: other, intent: 'live-commerce' }] })
  })

  it('moves a phrasing taught to one topic when it is taught to another, and says so', async () => {
    const store = new MemoryStore()
    await teach(store, knowledge, QUESTION, 'keyword-layout')
    expect(await teach(store, knowledge, QUESTION, 'keyword-layout')).toEqual({ status: 'unchanged', intent: 'keyword-layout' })
    const moved = await teach(store, knowledge, QUESTION, 'new-account')
    expect(moved).toMatchObject({ status: 'taught', replaced: 'keyword-layout' })
    expect(await listTaught(store)).toHaveLength(1)
  })

  it('recomputes a stored phrasing\'s shape when a redeploy changed the synonyms', async () => {
    const store = new MemoryStore()
    await teach(store, knowledge, QUESTION, 'content-style')
    const edited = { ...knowledge, synonyms: { ...knowledge.synonyms, 摄影器材: ['相机'] } }
    const index = await new TaughtOverlay().sync(store, edited)
    expect(index.match('发笔记用什么摄影器材好')?.intent).toBe('content-style')
  })

  it('another instance sharing the store answers with a phrasing from its next message, reloading only on a new version', async () => {
    const store = new MemoryStore()
    const a = new TaughtOverlay()
    const b = new TaughtOverlay()
    const before = await b.sync(store, knowledge)
    expect(await b.sync(store, knowledge)).toBe(before)
    await teach(store, knowledge, QUESTION, 'keyword-layout')
    expect((await a.sync(store, knowledge)).match(QUESTION)?.intent).toBe('keyword-layout')
    const reloaded = await b.sync(store, knowledge)
    expect(reloaded).not.toBe(before)
    expect(reloaded.match(QUESTION)?.intent).toBe('keyword-layout')
  })
})
