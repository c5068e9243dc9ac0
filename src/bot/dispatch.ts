import type { Store } from '../store/store'
import type { Handler, HandlerContext } from './handler'
import type { Knowledge } from '../knowledge/knowledge'
import type { InboundMessage } from './message'
import { checkRate } from './rate-limit'
import type { Reply } from './reply'
import { loadSession, saveSession } from './session'

export interface DispatchDeps {
  store: Store
  knowledge: Knowledge
  handlers: readonly Handler[]
  timeZone: string
  adminIds: readonly string[]
  rateLimitPerMinute: number
  now?: () => Date
  log?: (message: string) => void
}

const RATE_NOTICE: Reply = {
  kind: 'notice',
  title: '慢一点点 🙏',
  tone: 'orange',
  blocks: [{ kind: 'markdown', text: '你这一分钟问得有点多啦，先消化一下刚才的回答，稍等一分钟再来问我吧。' }],
  buttons: [],
}

const TROUBLE_NOTICE: Reply = {
  kind: 'notice',
  title: '出了点小状况',
  tone: 'grey',
  blocks: [{ kind: 'markdown', text: '这条消息我没处理好，已经记录下来了。请稍后再试一次。' }],
  buttons: [],
}

/**
 * The one path every message takes, whatever the platform: filter, rate-limit, load the session,
 * run the handlers in order until one replies, save the session only if it changed and nothing threw.
 */
export async function dispatch(input: InboundMessage, deps: DispatchDeps): Promise<Reply | null> {
  // A command button behaves exactly as if the user had typed the command.
  const msg = input.action?.type === 'command' ? { ...input, text: input.action.command, action: undefined } : input
  if (msg.chatType === 'group' && !msg.mentionsBot && !msg.action) return null
  const now = deps.now?.() ?? new Date()
  const verdict = await checkRate(deps.store, msg, deps.rateLimitPerMinute, now)
  if (verdict === 'silent') return null
  if (verdict === 'warn') return RATE_NOTICE

  const session = await loadSession(deps.store, msg)
  const before = JSON.stringify(session)
  const ctx: HandlerContext = {
    msg,
    session,
    store: deps.store,
    knowledge: deps.knowledge,
    now,
    timeZone: deps.timeZone,
    isAdmin: deps.adminIds.length === 0 || deps.adminIds.includes(msg.senderId),
    adminListed: deps.adminIds.includes(msg.senderId),
  }
  let reply: Reply | null = null
  try {
    for (const handler of deps.handlers) {
      reply = await handler(ctx)
      if (reply) break
    }
  } catch (err) {
    deps.log?.(`dispatch ${msg.platform} ${msg.messageId}: handler failed: ${err instanceof Error ? err.message : String(err)}`)
    return TROUBLE_NOTICE
  }
  if (JSON.stringify(ctx.session) !== before) await saveSession(deps.store, msg, ctx.session)
  return reply
}
