// The Worker itself, bundled by wrangler and run in workerd, with a real Redis behind it: webhooks, de-duplication
// and the two crons. Run by test/worker/workerd.test.ts on the shared workerd.
import { describe, expect, it } from 'vitest'
import { dedupeKey } from '../../../src/store/keys'
import { Outbox } from '../../../src/platforms/outbox'
import { cardAction, feishuRequest, textMessage, uid } from '../../helpers/feishu'
import { isLoopbackHost } from '../../helpers/loopback'
import { workerd } from '../../helpers/shared-workerd'
import { listSubscriptions, subscribe, unsubscribe } from '../../../src/tips/subscriptions'

// The Worker is kept on loopback by what it is given (helpers/workerd.ts): both API bases point at the fake Open API, and
// its REDIS_PREFIX holds only what the workerd tests write. runCron checks the one thing a test could still add, a
// subscription's webhook URL, before the Worker may read it.
async function runCron() {
  const remote = (await listSubscriptions(workerd.store)).map((s) => s.webhookUrl).filter((u): u is string => !!u && !isLoopbackHost(new URL(u).hostname))
  if (remote.length) throw new Error(`the Worker would push to a real host: ${remote.join(', ')}; use a loopback URL`)
  return workerd.worker.fetch('http://bot.test/cdn-cgi/handler/scheduled?cron=0+1+*+*+*')
}

async function until(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50))
}

export function webhooksAndCronSuite() {
  describe('the Worker in workerd', () => {
    it('reports Redis and the knowledge on /healthz', async () => {
      const res = await workerd.worker.fetch('http://bot.test/healthz')
      const body = (await res.json()) as any
      expect(body).toMatchObject({ ok: true, store: 'redis', redis: 'up' })
      expect(body.knowledge.intents).toBeGreaterThanOrEqual(18)
    })

    it('answers a signed, encrypted @mention once, de-duplicated through Redis', async () => {
      const messageId = uid('om')
      const payload = textMessage({ text: '小红书关键词怎么布局', chatId: uid('oc'), messageId })
      const statuses = await Promise.all(
        [0, 1, 2].map(async () => {
          const req = await feishuRequest(payload)
          return (await workerd.worker.fetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() })).status
        }),
      )
      expect(statuses).toEqual([200, 200, 200])
      await until(() => workerd.api.sent('reply').some((c) => c.path.includes(messageId)))
      await new Promise((r) => setTimeout(r, 300))
      expect(workerd.api.sent('reply').filter((c) => c.path.includes(messageId))).toHaveLength(1)
      expect(await workerd.store.get(dedupeKey('feishu', messageId))).not.toBeNull()
    })

    it('acknowledges a card button within the callback and posts the answer', async () => {
      const req = await feishuRequest(cardAction({ type: 'ask', intent: 'local-life' }, uid('oc')))
      const before = workerd.api.sent('reply').length
      const res = await workerd.worker.fetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() })
      expect(res.status).toBe(200)
      expect(((await res.json()) as any).toast).toBeTruthy()
      await until(() => workerd.api.sent('reply').length > before)
      expect(workerd.api.sent('reply').length).toBe(before + 1)
    })

    it('answers 401 for a bad signature', async () => {
      const req = await feishuRequest(textMessage({ text: 'hi', chatId: uid('oc') }), { tamper: true })
      const res = await workerd.worker.fetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() })
      expect(res.status).toBe(401)
    })

    it('runs the daily tip push from the scheduled handler', async () => {
      const chatId = uid('oc_tip')
      await subscribe(workerd.store, { platform: 'feishu', chatId, since: new Date().toISOString() })
      const before = workerd.api.sent('create').length
      const res = await runCron()
      expect(res.status).toBe(200)
      await until(() => workerd.api.sent('create').some((c) => c.body.receive_id === chatId))
      const mine = workerd.api.sent('create').slice(before).filter((c) => c.body.receive_id === chatId)
      await unsubscribe(workerd.store, 'feishu', chatId)
      expect(mine).toHaveLength(1)
    })

    it('refuses to run the cron while a subscription would send the Worker to a real WeCom host', async () => {
      const chatId = uid('wr_real')
      await subscribe(workerd.store, { platform: 'wecom', chatId, webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=looks-real', since: new Date().toISOString() })
      const run = runCron()
      await run.catch(() => {})
      await unsubscribe(workerd.store, 'wecom', chatId)
      await expect(run).rejects.toThrow(/real host: https:\/\/qyapi\.weixin\.qq\.com/)
    })

    it('sends what the reply outbox holds from the per-minute cron', async () => {
      const messageId = uid('om')
      const now = Date.now()
      await new Outbox(workerd.store).put({
        target: { platform: 'feishu', messageId, address: messageId, idempotencyKey: `r-${messageId}`, chatType: 'group' },
        reply: { kind: 'notice', title: '迟到的回答', tone: 'blue', blocks: [{ kind: 'markdown', text: '来了' }], buttons: [] },
        createdAt: now - 60_000,
        closesAt: now + 3_000_000,
        nextAt: now - 1000,
        attempts: 1,
      })
      const res = await workerd.worker.fetch('http://bot.test/cdn-cgi/handler/scheduled?cron=*+*+*+*+*')
      expect(res.status).toBe(200)
      await until(() => workerd.api.sent('reply').some((c) => c.path.includes(messageId)))
      const sent = workerd.api.sent('reply').filter((c) => c.path.includes(messageId))
      expect(sent).toHaveLength(1)
      expect(sent[0]!.body.uuid).toBe(`r-${messageId}`)
      expect((await new Outbox(workerd.store).entries()).some((e) => e.target.messageId === messageId)).toBe(false)
    })
  })
}
