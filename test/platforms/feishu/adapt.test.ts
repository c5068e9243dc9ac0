import { describe, expect, it } from 'vitest'
import { adaptMessage, messageText } from '../../../src/platforms/feishu/adapt'
import { MessageReceive } from '../../../src/platforms/feishu/events'

const BOT = 'ou_bot_self'

/** im.message.receive_v1 for a rich-text (post) message, shaped like Feishu's own: each @ is an `at` element
 * whose user_id is the @_user_N placeholder that `mentions` resolves (receive-message doc, message content doc). */
function postEvent(rows: unknown[][], mentions: { key: string; open_id: string; name: string }[]) {
  return MessageReceive.parse({
    sender: { sender_id: { open_id: 'ou_84aad35d084aa403a838cf73ee18467' }, sender_type: 'user', tenant_key: '736588c9260f175e' },
    message: {
      message_id: 'om_5ce6d572455d361153b7cb51da133945',
      chat_id: 'oc_5ce6d572455d361153b7xx51da133945',
      chat_type: 'group',
      message_type: 'post',
      content: JSON.stringify({ title: '', content: rows }),
      mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.open_id }, name: m.name, tenant_key: '736588c9260f175e' })),
    },
  })
}

describe('adaptMessage: post (rich text)', () => {
  it('removes the bot\'s @ completely, leaving no stray "@"', () => {
    const ev = postEvent(
      [[{ tag: 'at', user_id: '@_user_1', user_name: '红书参谋', style: [] }, { tag: 'text', text: ' 新号现在做还有流量吗', style: [] }]],
      [{ key: '@_user_1', open_id: BOT, name: '红书参谋' }],
    )
    const msg = adaptMessage(ev, BOT)!
    expect(msg.text).toBe('新号现在做还有流量吗')
    expect(msg.mentionsBot).toBe(true)
  })

  it('keeps other people\'s @ as their names and joins rows with new lines', () => {
    const ev = postEvent(
      [
        [{ tag: 'at', user_id: '@_user_1', user_name: '红书参谋' }, { tag: 'text', text: ' ' }, { tag: 'at', user_id: '@_user_2', user_name: '小王' }, { tag: 'text', text: ' 说的关键词' }],
        [{ tag: 'text', text: '怎么布局' }, { tag: 'img', image_key: 'img_v2_x' }],
      ],
      [
        { key: '@_user_1', open_id: BOT, name: '红书参谋' },
        { key: '@_user_2', open_id: 'ou_xiaowang', name: '小王' },
      ],
    )
    expect(adaptMessage(ev, BOT)!.text).toBe('@小王 说的关键词 怎么布局')
  })

  it('reads a locale-keyed post and a text message the same way', () => {
    expect(messageText('post', JSON.stringify({ zh_cn: { title: '', content: [[{ tag: 'text', text: '你好' }]] } }))).toBe('你好')
    expect(messageText('text', JSON.stringify({ text: '@_user_1 你好' }))).toBe('@_user_1 你好')
  })
})
