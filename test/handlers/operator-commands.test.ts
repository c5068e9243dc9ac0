import { describe, expect, it } from 'vitest'
import { parseOperatorCommand } from '../../handlers/operator-commands'
import { parseButtonAction } from '../../src/bot/button-action'

describe('operator commands', () => {
  it('reads /我的ID, /统计 and /待答 as whole messages, full-width slash too', () => {
    for (const t of ['/我的ID', '／我的id', '/我的 ID', '我的ID', '/whoami']) expect(parseOperatorCommand(t), t).toEqual({ name: 'my-id' })
    expect(parseOperatorCommand('/统计')).toEqual({ name: 'stats' })
    expect(parseOperatorCommand('／待答')).toEqual({ name: 'pending' })
    for (const t of ['我的id是多少', '统计一下粉丝', '有哪些待答问题', '怎么教新人做号']) expect(parseOperatorCommand(t), t).toBeNull()
  })

  it('reads /教 <问题> => <主题>, with /教! to insist and full-width or arrow separators', () => {
    expect(parseOperatorCommand('/教 餐饮店适合投放吗 => local-life')).toEqual({ name: 'teach', text: '餐饮店适合投放吗', topic: 'local-life', force: false })
    expect(parseOperatorCommand('/教！餐饮店适合投放吗＝＞本地生活与探店')).toEqual({ name: 'teach', text: '餐饮店适合投放吗', topic: '本地生活与探店', force: true })
    expect(parseOperatorCommand('/教 a=>b 这样写对吗 → new-account')).toEqual({ name: 'teach', text: 'a=>b 这样写对吗', topic: 'new-account', force: false })
    expect(parseOperatorCommand('/教 餐饮店适合投放吗')).toEqual({ name: 'teach-usage' })
    expect(parseOperatorCommand('/教 => local-life')).toEqual({ name: 'teach-usage' })
  })

  it('reads /忘 <问题>', () => {
    expect(parseOperatorCommand('/忘 餐饮店适合投放吗')).toEqual({ name: 'forget', text: '餐饮店适合投放吗' })
    expect(parseOperatorCommand('/忘')).toEqual({ name: 'forget-usage' })
  })
})

describe('teach and feedback button values (untrusted)', () => {
  it('accepts a well-formed teach value and a feedback value with a question id', () => {
    expect(parseButtonAction({ type: 'teach', question: 'm3x9k2abc0001', intent: 'local-life' })).toEqual({ type: 'teach', question: 'm3x9k2abc0001', intent: 'local-life' })
    expect(parseButtonAction({ type: 'feedback', intent: 'local-life', vote: 'up', question: 'm3x9k2abc0001' })?.type).toBe('feedback')
  })
  it('rejects a teach value without a valid question id or intent', () => {
    for (const v of [{ type: 'teach', intent: 'local-life' }, { type: 'teach', question: '../../etc', intent: 'local-life' }, { type: 'teach', question: 'm3x9k2abc0001', intent: 'DROP TABLE' }]) {
      expect(parseButtonAction(v)).toBeNull()
    }
    expect(parseButtonAction({ type: 'feedback', intent: 'local-life', vote: 'up', question: 'x'.repeat(40) })).toBeNull()
  })
})
