// The console's pages, rendered on the server with hono/jsx (which escapes every value it is given).
import { Hono } from 'hono'
import type { ApiDeps } from './api'
import type { ConsoleEnv } from './env'
import { sendPage } from './pages/layout'
import { PlaygroundPage } from './pages/playground'
import { QuestionsPage } from './pages/questions'
import { StatsPage, STATS_DAY_CHOICES } from './pages/stats'
import { TipsPage } from './pages/tips'
import { chatParam, chatsInLog, parseFilters, questionsFor } from './questions'
import { consoleStats } from './stats'
import { listTaught } from '../teach'
import { shownSubscriptions, upcomingTips } from './tips'

export function pageRoutes(deps: ApiDeps) {
  const app = new Hono<ConsoleEnv>()

  app.get('/', (c) => c.redirect('/console/playground', 302))
  app.get('/*', async (c, next) => (new URL(c.req.url).pathname === '/console/' ? c.redirect('/console/playground', 302) : next()))
  app.get('/playground', (c) => sendPage(c, <PlaygroundPage adminIds={deps.adminIds} />))

  app.get('/questions', async (c) => {
    const store = c.get('store')
    const filters = parseFilters((name) => c.req.query(name), deps.knowledge)
    const [questions, chats, taught] = await Promise.all([questionsFor(store, filters, deps.now().getTime()), chatsInLog(store), listTaught(store)])
    return sendPage(
      c,
      <QuestionsPage filters={filters} questions={questions} chats={chats} taught={taught} knowledge={deps.knowledge} timeZone={deps.timeZone} logDays={deps.logDays} />,
    )
  })

  app.get('/stats', async (c) => {
    const asked = Number(c.req.query('days'))
    const days = STATS_DAY_CHOICES.find((d) => d === asked) ?? 7
    const chat = chatParam(c.req.query('chat'))
    const store = c.get('store')
    const [data, chats] = await Promise.all([
      consoleStats(store, { days, timeZone: deps.timeZone, now: deps.now().getTime(), ...(chat ? { chat } : {}) }),
      chatsInLog(store),
    ])
    const chosen = chat ? `${chat.platform}:${chat.chatId}` : ''
    return sendPage(c, <StatsPage data={data} knowledge={deps.knowledge} logDays={deps.logDays} chats={chats} chat={chosen} />)
  })

  app.get('/tips', async (c) => {
    const chatId = c.req.query('chat')?.trim().slice(0, 128) ?? ''
    const tips = upcomingTips(deps.knowledge, deps.now(), deps.timeZone, chatId)
    const subs = await shownSubscriptions(c.get('store'))
    return sendPage(c, <TipsPage chatId={chatId} tips={tips} subs={subs} timeZone={deps.timeZone} />)
  })

  return app
}
