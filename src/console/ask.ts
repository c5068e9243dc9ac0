// The playground's one message: through the bot's real dispatch path (every handler, the session, the question
// log) as a member or an admin of a group or a direct chat, with the rate limit off; the reply comes back in the
// `ask --json` shape plus how WeCom would show it.
import * as z from 'zod'
import { ButtonActionSchema } from '../bot/button-action'
import { dispatch, type DispatchDeps } from '../bot/dispatch'
import type { InboundMessage } from '../bot/message'
import type { Knowledge } from '../knowledge/knowledge'
import { askResult, type AskResult } from '../platforms/ask-result'
import type { Store } from '../store/store'
import { wecomView, type WecomView } from './wecom-view'

const id = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:@-]+$/, 'letters, digits and _ . : @ - only')

export const AskBodySchema = z
  .object({
    text: z.string().max(2000).default(''),
    chatType: z.enum(['group', 'p2p']).default('group'),
    admin: z.boolean().default(false),
    chatId: id.optional(),
    userId: id.optional(),
    platform: z.enum(['feishu', 'wecom']).default('feishu'),
    /** A pressed button: what the platform's card callback would carry. */
    action: ButtonActionSchema.optional(),
  })
  .refine((b) => b.text.trim() !== '' || b.action !== undefined, { message: 'text is empty and no button was pressed' })

export type AskBody = z.infer<typeof AskBodySchema>

/** The `ask --json` object (what `cli ask --json` prints), plus how WeCom would show the reply. */
export interface ConsoleAskResult extends AskResult {
  wecom: WecomView | null
}

export interface ConsoleBotDeps {
  knowledge: Knowledge
  /** The webhooks' dispatch dependencies (src/app.ts), so the playground takes exactly their path. */
  dispatchDeps: (store: Store) => DispatchDeps
  timeZone: string
  adminIds: readonly string[]
  now?: () => Date
}

export const DEFAULT_USER = 'console-operator'
export const defaultChat = (chatType: 'group' | 'p2p') => (chatType === 'group' ? 'console-group' : 'console-p2p')

/**
 * Admin: the sender joins ADMIN_IDS for this message. Member: the sender is taken out of it, so with an empty
 * ADMIN_IDS a member sees what production members see (everyone may /订阅 then).
 */
export function adminIdsFor(configured: readonly string[], userId: string, admin: boolean): string[] {
  const others = configured.filter((x) => x !== userId)
  return admin ? [...others, userId] : others
}

/** The message a member would send, as the platform adapter would have built it (an @mention in a group). */
export function consoleMessage(body: AskBody): InboundMessage {
  return {
    platform: body.platform,
    chatId: body.chatId ?? defaultChat(body.chatType),
    chatType: body.chatType,
    messageId: `console-${crypto.randomUUID()}`,
    senderId: body.userId ?? DEFAULT_USER,
    text: body.action ? '' : body.text.trim(),
    mentionsBot: true,
    ...(body.action ? { action: body.action } : {}),
  }
}

export async function consoleAsk(body: AskBody, store: Store, deps: ConsoleBotDeps): Promise<ConsoleAskResult> {
  const msg = consoleMessage(body)
  const base = deps.dispatchDeps(store)
  const reply = await dispatch(msg, {
    ...base,
    adminIds: adminIdsFor(base.adminIds, msg.senderId, body.admin),
    // The operator is testing, not flooding: no rate limit here.
    rateLimitPerMinute: Number.POSITIVE_INFINITY,
    ...(deps.now ? { now: deps.now } : {}),
  })
  const result = askResult(reply)
  return { ...result, wecom: result.reply ? wecomView(result.reply, msg.chatType) : null }
}
