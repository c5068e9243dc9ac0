import { describe, expect, it } from 'vitest'
import type { Reply } from '../../../src/bot/reply'
import { adaptCallback, stripLeadingMention } from '../../../src/platforms/wecom/adapt'
import { decodeButtonKey, encodeButtonKey } from '../../../src/platforms/wecom/button-key'
import { renderMarkdown, renderTemplateCard } from '../../../src/platforms/wecom/card'
import { Callback } from '../../../src/platforms/wecom/events'
import { truncateUtf8 } from '../../../src/platforms/wecom/truncate'
import { buttonCallback, textCallback } from './fixtures'
import { answerReply, buttonsReply } from './sample-replies'

const bytes = (s: string) => new TextEncoder().encode(s).length

describe('renderMarkdown', () => {
  it('shows a bold title, the answer, points as lines and the source as a quote, with no <font> tag (markdown_v2 shows it as text)', () => {
    expect(renderMarkdown(answerReply)).toBe(
      [
        '**新号怎么起步**',
        '先定位，再**稳定更新**。',
        '**要点**\n1. 选一个细分领域\n2. 每周更新 3 篇',
        '> 2024 小红书趋势文章 · 第二节',
      ].join('\n\n'),
    )
  })
  it('lists the buttons as plain text lines when asked to', () => {
    const md = renderMarkdown(buttonsReply)
    expect(md).toContain('你还可以问我：\n· 新号起步\n· 标题怎么写')
    expect(md).not.toContain('<font')
  })
  it('truncates on a character boundary with an ellipsis when over the byte limit', () => {
    const long: Reply = { ...answerReply, blocks: [{ kind: 'markdown', text: '🔥小红书'.repeat(2000) }] }
    for (const limit of [4096, 20480]) {
      const md = renderMarkdown(long, { maxBytes: limit })
      expect(bytes(md)).toBeLessThanOrEqual(limit)
      expect(bytes(md)).toBeGreaterThan(limit - 8)
      expect(md.endsWith('…')).toBe(true)
      expect(md).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    }
  })
})

describe('truncateUtf8', () => {
  it('leaves short text alone and never splits a character', () => {
    expect(truncateUtf8('短', 10)).toBe('短')
    expect(truncateUtf8('一二三四五', 9)).toBe('一二…')
    expect(truncateUtf8('👍👍👍', 9)).toBe('👍…')
  })
})

describe('button keys', () => {
  it('round-trips every kind of action compactly', () => {
    for (const action of [
      { type: 'ask', intent: 'new-account' },
      { type: 'feedback', intent: 'new-account', vote: 'down' },
      { type: 'command', command: '/订阅' },
      { type: 'feedback', intent: 'new-account', vote: 'up', question: 'm3x9k2abc0001' },
      { type: 'teach', intent: 'local-life', question: 'm3x9k2abc0001' },
    ] as const) {
      const key = encodeButtonKey(action)!
      expect(bytes(key)).toBeLessThanOrEqual(1024)
      expect(decodeButtonKey(key)).toEqual(action)
    }
  })
  it('rejects keys that are not ours or carry invalid intents', () => {
    for (const key of ['', 'BUTTONKEYONE', 'x:foo', 'a:', 'a:Not Valid', 'u:', 'u:new-account:NOT-AN-ID', 'u:new-account:abcdefgh1:extra', 't:local-life', 't:local-life:short', 't:Bad:abcdefgh12']) {
      expect(decodeButtonKey(key), key).toBeNull()
    }
  })
  it('refuses to encode an action whose key would exceed 1024 bytes', () => {
    expect(encodeButtonKey({ type: 'command', command: '长'.repeat(400) })).toBeNull()
  })
})

describe('renderTemplateCard', () => {
  it('builds a button_interaction card with unique keys, at most 6 buttons and a valid task id', () => {
    const many: Reply = {
      ...buttonsReply,
      buttons: [...buttonsReply.buttons, ...buttonsReply.buttons, ...'abcdef'.split('').map((c) => ({ label: c, action: { type: 'ask' as const, intent: `i-${c}` } }))],
    }
    const card = renderTemplateCard(many)!
    expect(card.card_type).toBe('button_interaction')
    expect(card.button_list.length).toBe(6)
    expect(new Set(card.button_list.map((b) => b.key)).size).toBe(6)
    expect(card.task_id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/)
    expect(card.main_title.title).toBe(buttonsReply.title)
    expect(card.sub_title_text).toBe('先定位，再稳定更新。')
  })
  it('returns null when the reply has no buttons', () => {
    expect(renderTemplateCard(answerReply)).toBeNull()
  })
})

describe('adaptCallback', () => {
  it('strips only the leading @bot mention of a group message', () => {
    expect(stripLeadingMention('@红书参谋 标题 @别人 看看')).toBe('标题 @别人 看看')
    expect(stripLeadingMention('@RobotA\u2005hello')).toBe('hello')
    const msg = adaptCallback(Callback.parse(textCallback('  /订阅 https://x ', { chatId: 'G1' })))
    expect(msg).toMatchObject({ chatId: 'G1', chatType: 'group', text: '/订阅 https://x', mentionsBot: true })
  })
  it('joins the text parts of a mixed message and ignores images', () => {
    const cb = Callback.parse({
      msgid: 'm',
      chattype: 'single',
      from: { userid: 'u1' },
      msgtype: 'mixed',
      mixed: { msg_item: [{ msgtype: 'text', text: { content: '这个标题' } }, { msgtype: 'image', image: { url: 'https://i' } }] },
    })
    expect(adaptCallback(cb)).toMatchObject({ chatId: 'single:u1', chatType: 'p2p', text: '这个标题' })
  })
  it('carries a group button press as an action in that group', () => {
    const msg = adaptCallback(Callback.parse(buttonCallback('c:/tip', { chat: 'group', chatId: 'G2' })))
    expect(msg).toMatchObject({ chatId: 'G2', chatType: 'group', text: '', action: { type: 'command', command: '/tip' } })
  })
})
