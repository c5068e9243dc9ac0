import { describe, expect, it } from 'vitest'
import type { Reply } from '../../../src/bot/reply'
import { SendError } from '../../../src/bot/send-error'
import { postResponseUrl, responseUrlProblem, sendGroupWebhook } from '../../../src/platforms/wecom/client'
import { recordingFetch } from './fixtures'
import { answerReply } from './sample-replies'

const HOOK = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'

async function sendError(p: Promise<unknown>): Promise<SendError> {
  try {
    await p
  } catch (err) {
    if (err instanceof SendError) return err
    throw err
  }
  throw new Error('expected a SendError')
}

describe('sendGroupWebhook', () => {
  it('posts the reply as markdown to the webhook URL', async () => {
    const rec = recordingFetch()
    await sendGroupWebhook(HOOK, answerReply, { fetch: rec.fetch })
    expect(rec.calls).toHaveLength(1)
    expect(rec.calls[0]!.url).toBe(HOOK)
    expect(rec.calls[0]!.body.msgtype).toBe('markdown')
    expect(rec.calls[0]!.body.markdown.content).toContain('**新号怎么起步**')
  })
  it('keeps the markdown within 4096 bytes', async () => {
    const rec = recordingFetch()
    const long: Reply = { ...answerReply, blocks: [{ kind: 'markdown', text: '长'.repeat(3000) }] }
    await sendGroupWebhook(HOOK, long, { fetch: rec.fetch })
    const content: string = rec.calls[0]!.body.markdown.content
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(4096)
    expect(content.endsWith('…')).toBe(true)
  })
  it('maps errcode 93000 (robot removed / bad URL) to gone', async () => {
    const e = await sendError(sendGroupWebhook(HOOK, answerReply, { fetch: recordingFetch(() => Response.json({ errcode: 93000, errmsg: 'invalid webhook url' })).fetch }))
    expect([e.kind, e.code]).toEqual(['gone', 93000])
  })
  it('maps errcode 45009 to rate-limited with a 60 s wait', async () => {
    const e = await sendError(sendGroupWebhook(HOOK, answerReply, { fetch: recordingFetch(() => Response.json({ errcode: 45009, errmsg: 'api freq out of limit' })).fetch }))
    expect([e.kind, e.code, e.retryAfterMs]).toEqual(['rate-limited', 45009, 60_000])
  })
  it('maps HTTP 429 to rate-limited, honouring Retry-After', async () => {
    const plain = await sendError(sendGroupWebhook(HOOK, answerReply, { fetch: recordingFetch(() => new Response('', { status: 429 })).fetch }))
    expect([plain.kind, plain.code, plain.retryAfterMs]).toEqual(['rate-limited', 429, 60_000])
    const told = await sendError(
      sendGroupWebhook(HOOK, answerReply, { fetch: recordingFetch(() => new Response('', { status: 429, headers: { 'retry-after': '7' } })).fetch }),
    )
    expect(told.retryAfterMs).toBe(7000)
  })
  it('maps refusals (other errcodes, HTTP 4xx, non-JSON answers) to failed', async () => {
    const cases = [
      () => Response.json({ errcode: 40008, errmsg: 'invalid message type' }),
      () => new Response('bad', { status: 400 }),
      () => new Response('<html>', { status: 200 }),
    ]
    for (const answer of cases) {
      const e = await sendError(sendGroupWebhook(HOOK, answerReply, { fetch: recordingFetch(answer).fetch }))
      expect(e.kind).toBe('failed')
    }
  })
  it('maps what a retry can cure (network errors, timeouts, 5xx, errcode -1) to unavailable', async () => {
    const cases: (() => Response | Promise<Response>)[] = [
      () => new Response('oops', { status: 502 }),
      () => Response.json({ errcode: -1, errmsg: 'system busy' }),
      () => {
        throw new TypeError('fetch failed')
      },
      () => new Promise<Response>(() => {}),
    ]
    for (const answer of cases) {
      const fetchFn = ((_u: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))
          Promise.resolve().then(answer).then(resolve, reject)
        })) as typeof fetch
      const e = await sendError(sendGroupWebhook(HOOK, answerReply, { fetch: fetchFn, timeoutMs: 30 }))
      expect(e.kind).toBe('unavailable')
    }
  })
})

describe('postResponseUrl', () => {
  it('posts markdown to the response_url', async () => {
    const rec = recordingFetch()
    await postResponseUrl('https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=X', answerReply, { fetch: rec.fetch })
    expect(rec.calls[0]).toEqual({
      url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=X',
      body: { msgtype: 'markdown', markdown: { content: expect.stringContaining('1. 选一个细分领域') } },
    })
  })
  it('throws a classified SendError when WeCom refuses', async () => {
    const e = await sendError(postResponseUrl('https://qyapi.weixin.qq.com/r', answerReply, { fetch: recordingFetch(() => Response.json({ errcode: 40001 })).fetch }))
    expect([e.kind, e.code]).toEqual(['failed', 40001])
  })
})


describe('responseUrlProblem', () => {
  it('accepts WeCom\'s API origin and WECOM_API_BASE\'s, nothing else', () => {
    expect(responseUrlProblem('https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=X')).toBeNull()
    expect(responseUrlProblem('http://127.0.0.1:9/cgi-bin/aibot/response', 'http://127.0.0.1:9')).toBeNull()
    for (const bad of ['http://qyapi.weixin.qq.com/x', 'https://qyapi.weixin.qq.com.evil.example/x', 'https://u:p@qyapi.weixin.qq.com/x', 'https://10.0.0.1/x', 'not a url']) {
      expect(responseUrlProblem(bad)).not.toBeNull()
    }
  })
  it('makes postResponseUrl refuse to post anywhere else', async () => {
    const rec = recordingFetch()
    const e = await sendError(postResponseUrl('https://collector.example/r', answerReply, { fetch: rec.fetch }))
    expect(e.kind).toBe('failed')
    expect(rec.calls).toHaveLength(0)
  })
})
