// The suite cannot reach a real platform host: test/setup/no-network.ts refuses it on every path the code has.
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createFeishuClient } from '../src/platforms/feishu/client'
import { sendGroupWebhook } from '../src/platforms/wecom/client'
import { FakeOpenApi } from './helpers/fake-open-api'
import { OffLoopbackError, takeOffLoopbackAttempts } from './helpers/loopback'
import { answerReply } from './platforms/wecom/sample-replies'

describe('no real host from a test', () => {
  it('refuses fetch to open.feishu.cn before any byte leaves', async () => {
    await expect(fetch('https://open.feishu.cn/open-apis/bot/v3/info')).rejects.toBeInstanceOf(OffLoopbackError)
    expect(takeOffLoopbackAttempts()).toEqual(['open.feishu.cn'])
  })

  it('refuses a WeCom group webhook on qyapi.weixin.qq.com, even through code that catches the error', async () => {
    const webhook = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=real-looking-key'
    await expect(sendGroupWebhook(webhook, answerReply)).rejects.toThrow(/network error: .*tests may only talk to loopback/)
    // The attempt is recorded, so the setup file would fail this test had it not been taken here.
    expect(takeOffLoopbackAttempts()).toEqual(['qyapi.weixin.qq.com'])
  })

  it('refuses the Feishu client (fetch) on the default FEISHU_API_BASE', async () => {
    const logs: string[] = []
    const api = createFeishuClient({ appId: 'cli_x', appSecret: 'secret_x', apiBase: 'https://open.feishu.cn', log: (m) => logs.push(m) })
    await expect(api.sendCard('oc_real', { schema: '2.0' }, 'uuid-1')).rejects.toThrow()
    expect(takeOffLoopbackAttempts()).toContain('open.feishu.cn')
  })

  it('refuses a raw socket to a remote host', () => {
    expect(() => connect(443, 'qyapi.weixin.qq.com')).toThrow(OffLoopbackError)
    expect(takeOffLoopbackAttempts()).toEqual(['qyapi.weixin.qq.com'])
  })

  it('lets loopback through: a fake Open API on 127.0.0.1 answers', async () => {
    const fake = new FakeOpenApi()
    await fake.start()
    try {
      const res = await fetch(`${fake.url}/open-apis/bot/v3/info`)
      expect(((await res.json()) as { bot: { open_id: string } }).bot.open_id).toBe('ou_bot_self')
    } finally {
      await fake.stop()
    }
    expect(takeOffLoopbackAttempts()).toEqual([])
  })
})
