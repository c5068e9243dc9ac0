// A fresh Worker isolate compiles each function the first time it runs, so its first question would pay for compiling
// the whole request path on top of answering it. Answering sample @-mentions once at start-up moves that cost into the
// isolate's start-up (limit 1 s) and off the request (Free plan: 10 ms CPU): the Feishu event schemas, dispatch, the
// handlers, the matcher, the card, the Open API client's token, bot-info and reply calls, and the Redis store's commands
// and replies (ioredis, with the taught-phrasing overlay loaded through it).
//
// workerd allows no I/O, timers, random values, or request and response bodies at start-up, so this works mostly
// below the HTTP layer: the store a Worker uses over a Redis connection that stays in memory
// (store/in-memory-redis.ts), and the real Feishu client over an HTTP layer that answers in memory. One question also
// goes through the app's own HTTP layer, as a plain request object (postToWebhook). It writes nothing anywhere.
// Everything it awaits settles in microtasks, which workerd runs to the end before the first request.
import { createHandlers } from '../handlers'
import { createBot } from './app'
import { dispatch } from './bot/dispatch'
import { loadConfig } from './config'
import type { Knowledge } from './knowledge/knowledge'
import { adaptMessage } from './platforms/feishu/adapt'
import { renderFeishuCard } from './platforms/feishu/card'
import { createFeishuClient } from './platforms/feishu/client'
import type { OpenApiFetch } from './platforms/feishu/http'
import { EventEnvelope, MessageReceive } from './platforms/feishu/events'
import type { RandomValues } from './insights'
import type { Store } from './store/store'
import { FailoverStore, MemoryStore, RedisStore } from './store'
import { storeIsShared } from './store/failover'
import { inMemoryRedisClient } from './store/in-memory-redis'
import { storeTaught } from './teach/teach'

const BOT_ID = 'ou_warm_up_bot'

/** A receive_v1 event as Feishu sends it for "@bot <text>" in a group. */
function groupMention(text: string, n: number) {
  return {
    schema: '2.0',
    header: { event_id: `ev_warm_up_${n}`, event_type: 'im.message.receive_v1', create_time: '0', token: 'warm-up', app_id: 'cli_warm_up', tenant_key: 'warm-up' },
    event: {
      sender: { sender_id: { open_id: 'ou_warm_up_user' }, sender_type: 'user', tenant_key: 'warm-up' },
      message: {
        message_id: `om_warm_up_${n}`,
        chat_id: 'oc_warm_up',
        chat_type: 'group',
        message_type: 'text',
        create_time: '0',
        content: JSON.stringify({ text: `@_user_1 ${text}` }),
        mentions: [{ key: '@_user_1', id: { open_id: BOT_ID }, name: 'warm-up', tenant_key: 'warm-up' }],
      },
    },
  }
}

/** What the Open API would answer, by path; each card sent is kept in `cards`. */
function openApiAnswer(url: string, body: string | undefined, cards: object[]): object {
  if (url.endsWith('/tenant_access_token/internal')) return { code: 0, msg: 'ok', tenant_access_token: 't-warm-up', expire: 7200 }
  if (url.endsWith('/bot/v3/info')) return { code: 0, msg: 'ok', bot: { open_id: BOT_ID } }
  const content = (JSON.parse(body ?? '{}') as { content?: string }).content
  if (content) cards.push(JSON.parse(content) as object)
  return { code: 0, msg: 'success', data: { message_id: 'om_warm_up_reply' } }
}

/** fetch answered in memory, with a plain answer object: workerd refuses request and response bodies at start-up. */
function inMemoryFetch(cards: object[]): OpenApiFetch {
  return async (url, init) => {
    const text = JSON.stringify(openApiAnswer(url, init.body, cards))
    return { ok: true, status: 200, headers: [['content-type', 'application/json; charset=utf-8']], text: async () => text }
  }
}

/**
 * A taught phrasing in the warm-up's own store, written as teach() writes it but without its random version token
 * (refused at start-up): the questions then load the taught overlay and look each question up in it, code an isolate's
 * first question would otherwise compile (with the synonym rewriter the overlay builds on first use).
 */
async function teachOneOffline(store: Store, knowledge: Knowledge): Promise<void> {
  const intent = knowledge.intents[1] ?? knowledge.intents[0]
  const text = intent?.phrasings[1]
  if (!intent || !text) return
  await storeTaught(store, knowledge, text, intent.id, new Date(0), 'warm-up')
}

/**
 * The HTTP layer too: Hono's routing and context, the webhook, its de-duplication claim and the delivery through the
 * outbox. The request is a plain object whose body is a ReadableStream, which workerd allows at start-up (a Request
 * with a body it refuses). It refuses a Response with a body as well, so there the webhook's acknowledgement throws
 * once the reply is on its way; that failure is expected and ignored (in Node the request simply succeeds).
 */
async function postToWebhook(app: ReturnType<typeof createBot>['app'], event: object): Promise<void> {
  const bytes = new TextEncoder().encode(JSON.stringify(event))
  const body = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) })
  const headers = new Headers({ 'content-type': 'application/json' })
  const request = { url: 'https://warm-up.invalid/webhook/feishu', method: 'POST', headers, body } as unknown as Request
  const pending: Promise<unknown>[] = []
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} }
  await Promise.resolve()
    .then(() => app.fetch(request, {}, ctx))
    .catch(() => {})
  await Promise.allSettled(pending)
}

/** One question the knowledge answers and one it must decline, so both reply paths are compiled. */
export function warmUpQuestions(knowledge: Knowledge): string[] {
  return [knowledge.intents[0]?.phrasings[0], knowledge.outOfScope?.[0]].filter((q): q is string => !!q)
}

export interface WarmUpResult {
  /** the cards the in-memory Open API received, one per question answered: over the Redis store, then over memory */
  cards: object[]
  /** the store was still on its (in-memory) Redis at the end: ioredis's paths ran, not only the memory fallback's */
  onRedis: boolean
}

/** Answers each question as a group @-mention, the way the Feishu webhook does after it has acknowledged, per store. */
export async function warmUpRequestPath(knowledge: Knowledge, questions = warmUpQuestions(knowledge)): Promise<WarmUpResult> {
  const log = () => {}
  // Variables set the way a deployment sets them, so that reading the live configuration runs compiled code too.
  const config = loadConfig({
    FEISHU_APP_ID: 'cli_warm_up',
    FEISHU_APP_SECRET: 'warm-up',
    FEISHU_VERIFICATION_TOKEN: 'warm-up',
    FEISHU_API_BASE: 'https://open.feishu.cn',
    TZ_NAME: 'Asia/Shanghai',
    REDIS_URL: 'rediss://warm-up.invalid:6379',
  })
  // The store a Worker with REDIS_URL uses (Redis with memory failover), over a connection that stays in memory, so
  // that ioredis's command and reply code is compiled too; with no time limit, as a timer is refused at start-up.
  const client = inMemoryRedisClient(config.REDIS_PREFIX)
  const redis = new FailoverStore(new RedisStore(client), new MemoryStore(), { timeoutMs: Infinity, log })
  // Without REDIS_URL a Worker uses its memory store: the questions are answered again over one, for its code.
  const stores = [redis, new MemoryStore()]
  // workerd refuses random values at start-up: the question log (ids, salt) takes a counter instead, so that its
  // path and the answer's feedback buttons are compiled too
  let counter = 0
  const randomValues: RandomValues = (array) => array.fill(++counter) as typeof array
  const handlers = createHandlers({ wecomApiBase: config.WECOM_API_BASE, questionLogDays: config.QUESTION_LOG_DAYS, randomValues })
  const cards: object[] = []
  const api = createFeishuClient({ appId: 'cli_warm_up', appSecret: 'warm-up', apiBase: 'https://open.feishu.invalid', fetch: inMemoryFetch(cards), timeoutMs: Infinity, log })
  const bot = createBot({ config, knowledge, feishuApi: api, openStore: () => ({ store: redis, release: async () => {} }), log, handlers })
  for (const store of stores) {
    await teachOneOffline(store, knowledge)
    const deps = bot.dispatchDeps(store)
    for (const [n, question] of questions.entries()) {
      const envelope = EventEnvelope.parse(groupMention(question, n))
      const msg = adaptMessage(MessageReceive.parse(envelope.event), await api.botOpenId())
      const reply = msg && (await dispatch(msg, deps))
      if (msg && reply) await api.replyCard(msg.messageId, renderFeishuCard(reply), `r-${msg.messageId}`)
    }
  }
  if (questions[0]) await postToWebhook(bot.app, groupMention(questions[0], questions.length))
  const onRedis = storeIsShared(redis)
  await client.quit()
  return { cards, onRedis }
}
