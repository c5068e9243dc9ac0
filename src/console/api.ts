// The console's JSON API under /console/api/ (the pages' script uses it; so can scripts with a Bearer token).
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AskBodySchema, consoleAsk, type ConsoleBotDeps } from './ask'
import type { ConsoleEnv } from './env'
import { MAX_API_BODY_BYTES, readJson } from './json-body'
import { chatParam, ForgetBodySchema, forgetFromConsole, parseFilters, questionsFor, TeachBodySchema, teachFromConsole } from './questions'
import { consoleStats } from './stats'
import { listTaught } from '../teach'
import { AddWecomBodySchema, addWecomSubscription, RemoveBodySchema, removeSubscription, SCHEDULE_DAYS, shownSubscriptions, upcomingTips } from './tips'

export interface ApiDeps extends ConsoleBotDeps {
  wecomApiBase?: string
  /** QUESTION_LOG_DAYS */
  logDays: number
  now: () => Date
}

/** A whole number from a query parameter in [min, max]; the default when absent, null when it is anything else. */
export function intParam(value: string | undefined, fallback: number, min: number, max: number): number | null {
  if (value === undefined || value.trim() === '') return fallback
  const n = Number(value)
  return Number.isInteger(n) && n >= min && n <= max ? n : null
}

export function apiRoutes(deps: ApiDeps) {
  const app = new Hono<ConsoleEnv>()
  app.use('/api/*', bodyLimit({ maxSize: MAX_API_BODY_BYTES, onError: (c) => c.json({ error: 'body is larger than 64 KiB' }, 413) }))

  app.post('/api/ask', async (c) => {
    const body = await readJson(c, AskBodySchema)
    if (!body.ok) return body.response
    return c.json(await consoleAsk(body.value, c.get('store'), deps))
  })

  app.get('/api/stats', async (c) => {
    const days = intParam(c.req.query('days'), 7, 1, 365)
    if (days === null) return c.json({ error: 'days must be a whole number from 1 to 365' }, 400)
    const chat = chatParam(c.req.query('chat'))
    return c.json(await consoleStats(c.get('store'), { days, timeZone: deps.timeZone, now: deps.now().getTime(), ...(chat ? { chat } : {}) }))
  })

  app.get('/api/questions', async (c) => {
    const filters = parseFilters((name) => c.req.query(name), deps.knowledge)
    return c.json({ questions: await questionsFor(c.get('store'), filters, deps.now().getTime()) })
  })

  app.get('/api/taught', async (c) => c.json({ taught: await listTaught(c.get('store')) }))

  app.post('/api/teach', async (c) => {
    const body = await readJson(c, TeachBodySchema)
    if (!body.ok) return body.response
    const result = await teachFromConsole(c.get('store'), deps.knowledge, body.value)
    return c.json(result.body, result.status)
  })

  app.post('/api/forget', async (c) => {
    const body = await readJson(c, ForgetBodySchema)
    if (!body.ok) return body.response
    const result = await forgetFromConsole(c.get('store'), deps.knowledge, body.value.text)
    return result.forgotten ? c.json(result) : c.json({ error: result.message, ...result }, 404)
  })

  app.get('/api/tips', (c) => {
    const chat = c.req.query('chat')?.trim() ?? ''
    const days = intParam(c.req.query('days'), SCHEDULE_DAYS, 1, 60)
    if (days === null) return c.json({ error: 'days must be a whole number from 1 to 60' }, 400)
    return c.json({ timeZone: deps.timeZone, chatId: chat || null, tips: upcomingTips(deps.knowledge, deps.now(), deps.timeZone, chat, days) })
  })

  app.get('/api/subscriptions', async (c) => c.json({ subscriptions: await shownSubscriptions(c.get('store')) }))

  app.post('/api/subscriptions', async (c) => {
    const body = await readJson(c, AddWecomBodySchema)
    if (!body.ok) return body.response
    const result = await addWecomSubscription(c.get('store'), body.value, deps.now(), deps.wecomApiBase)
    return result.ok ? c.json({ subscription: result.subscription }) : c.json({ error: result.error }, 400)
  })

  app.post('/api/unsubscribe', async (c) => {
    const body = await readJson(c, RemoveBodySchema)
    if (!body.ok) return body.response
    return c.json({ removed: await removeSubscription(c.get('store'), body.value) })
  })

  return app
}
