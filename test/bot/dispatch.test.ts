import { describe, expect, it } from 'vitest'
import { dispatch, type DispatchDeps } from '../../src/bot/dispatch'
import type { Handler } from '../../src/bot/handler'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import type { InboundMessage } from '../../src/bot/message'
import type { Reply } from '../../src/bot/reply'
import { sessionKey } from '../../src/store/keys'
import { MemoryStore } from '../../src/store/memory'

const reply = (title: string): Reply => ({ kind: 'notice', title, tone: 'grey', blocks: [], buttons: [] })
const msg = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  platform: 'feishu', chatId: 'oc_1', chatType: 'group', messageId: `om_${Math.random()}`, senderId: 'ou_1', text: 'hi', mentionsBot: true, ...over,
})
function deps(handlers: Handler[], store = new MemoryStore()): DispatchDeps & { store: MemoryStore } {
  return { store, knowledge: loadKnowledge(), handlers, timeZone: 'Asia/Shanghai', adminIds: [], rateLimitPerMinute: 100 }
}

describe('dispatch', () => {
  it('ignores a group message that does not mention the bot', async () => {
    let called = false
    const d = deps([() => ((called = true), reply('x'))])
    expect(await dispatch(msg({ mentionsBot: false }), d)).toBeNull()
    expect(called).toBe(false)
  })

  it('runs handlers in order and stops at the first reply', async () => {
    const seen: string[] = []
    const d = deps([() => (seen.push('a'), null), () => (seen.push('b'), reply('b')), () => (seen.push('c'), reply('c'))])
    expect((await dispatch(msg(), d))?.title).toBe('b')
    expect(seen).toEqual(['a', 'b'])
  })

  it('saves the session only when a handler changed it', async () => {
    const d = deps([(ctx) => ((ctx.session.lastIntent = 'keyword-layout'), reply('ok'))])
    const m = msg()
    await dispatch(m, d)
    expect(JSON.parse((await d.store.get(sessionKey(m)))!)).toEqual({ depth: 0, lastIntent: 'keyword-layout' })
    const untouched = deps([() => reply('ok')])
    await dispatch(m, untouched)
    expect(await untouched.store.get(sessionKey(m))).toBeNull()
  })

  it('keeps the old session and answers with an apology when a handler throws', async () => {
    const d = deps([(ctx) => { ctx.session.lastIntent = 'broken'; throw new Error('boom') }])
    const m = msg()
    const r = await dispatch(m, d)
    expect(r?.kind).toBe('notice')
    expect(await d.store.get(sessionKey(m))).toBeNull()
  })

  it('treats a command button as the typed command', async () => {
    const d = deps([(ctx) => reply(`typed:${ctx.msg.text}`)])
    expect((await dispatch(msg({ text: '', action: { type: 'command', command: '/tip' } }), d))?.title).toBe('typed:/tip')
  })

  it('lets everyone run /订阅 while ADMIN_IDS is empty, but lists nobody as an admin for teaching', async () => {
    const seen: { isAdmin: boolean; adminListed?: boolean }[] = []
    const spy: Handler = (ctx) => (seen.push({ isAdmin: ctx.isAdmin, adminListed: ctx.adminListed }), reply('x'))
    await dispatch(msg(), deps([spy]))
    await dispatch(msg({ senderId: 'ou_admin' }), { ...deps([spy]), adminIds: ['ou_admin'] })
    await dispatch(msg({ senderId: 'ou_other' }), { ...deps([spy]), adminIds: ['ou_admin'] })
    expect(seen).toEqual([{ isAdmin: true, adminListed: false }, { isAdmin: true, adminListed: true }, { isAdmin: false, adminListed: false }])
  })
})
