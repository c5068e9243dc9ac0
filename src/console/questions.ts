// The question log for the console: filters from the query string, and teaching a logged question to a topic
// with the answer it gets from then on.
import type { Platform } from '../bot/message'
import type { Reply } from '../bot/reply'
import { listQuestions, loggedChats, type QuestionQuery, type QuestionView } from '../insights'
import type { Knowledge } from '../knowledge/knowledge'
import { renderFeishuCard } from '../platforms/feishu/card'
import type { Store } from '../store/store'
import { decideNow, forget, MAX_TAUGHT_TEXT, teach, type Conflict } from '../teach'
import { replyForMatch } from '../../handlers/ask'
import * as z from 'zod'

export const QUESTIONS_LIMIT = 100

export interface QuestionFilters {
  unanswered: boolean
  downvoted: boolean
  intent: string
  /** `<platform>:<chatId>` or '' for every chat */
  chat: string
  days: number
  limit: number
}

const flag = (v: string | undefined) => v === '1' || v === 'true' || v === 'on'

/** Filters as the page's form and the API's query string spell them; anything unknown is ignored. */
export function parseFilters(q: (name: string) => string | undefined, knowledge: Knowledge): QuestionFilters {
  const days = Number(q('days'))
  const limit = Number(q('limit'))
  const intent = q('intent')?.trim() ?? ''
  const chat = q('chat')?.trim() ?? ''
  return {
    unanswered: flag(q('unanswered')),
    downvoted: flag(q('downvoted')),
    intent: knowledge.byId.has(intent) ? intent : '',
    chat: chatParam(chat) ? chat : '',
    days: Number.isInteger(days) && days >= 1 && days <= 365 ? days : 0,
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 500 ? limit : QUESTIONS_LIMIT,
  }
}

/** `<platform>:<chatId>` as the pages and the API spell a chat, or undefined. */
export function chatParam(value: string | undefined): { platform: Platform; chatId: string } | undefined {
  const m = /^(feishu|wecom):(.{1,128})$/.exec(value?.trim() ?? '')
  return m ? { platform: m[1] as Platform, chatId: m[2]! } : undefined
}

export function toQuery(f: QuestionFilters, now: number): QuestionQuery {
  return {
    limit: f.limit,
    now,
    ...(f.unanswered ? { unanswered: true } : {}),
    ...(f.downvoted ? { downvoted: true } : {}),
    ...(f.intent ? { intent: f.intent } : {}),
    ...(f.days ? { days: f.days } : {}),
    ...(chatParam(f.chat) ?? {}),
  }
}

export async function questionsFor(store: Store, f: QuestionFilters, now: number): Promise<QuestionView[]> {
  return listQuestions(store, toQuery(f, now))
}

export async function chatsInLog(store: Store): Promise<string[]> {
  return (await loggedChats(store)).map((c) => `${c.platform}:${c.chatId}`)
}

export const TeachBodySchema = z.object({
  text: z.string().trim().min(1, 'text is empty').max(MAX_TAUGHT_TEXT),
  intent: z.string().trim().min(1, 'intent is empty').max(60),
  force: z.boolean().optional(),
})
export const ForgetBodySchema = z.object({ text: z.string().trim().min(1, 'text is empty').max(MAX_TAUGHT_TEXT) })

export interface Answer {
  intent: string | null
  score: number
  reason?: string
  reply: Reply
  card: Record<string, unknown>
}

/** The answer a question gets now, taught phrasings included (read only: nothing is logged, no session kept). */
export async function answerNow(store: Store, knowledge: Knowledge, text: string): Promise<Answer> {
  const d = await decideNow(store, knowledge, text)
  const { decision: _decision, ...reply } = replyForMatch(knowledge, d, { depth: 0 })
  return { intent: d.intent, score: d.score, ...(d.reason ? { reason: d.reason } : {}), reply, card: renderFeishuCard(reply) }
}

const title = (knowledge: Knowledge, intent: string | null) => (intent ? (knowledge.byId.get(intent)?.title ?? intent) : '（不回答）')

function conflictLine(knowledge: Knowledge, c: Conflict): string {
  const what = { duplicate: '已是另一主题的问法', pulls: '会把另一主题的问法抢过来', 'out-of-scope': '是机器人不该回答的例子', taught: '会抢走之前教给别的主题的问法' }[c.kind]
  return `「${c.text}」${what}（${title(knowledge, c.intent)}）`
}

export type TeachResult =
  | { status: 200; body: { status: string; message: string; answer: Answer } }
  | { status: 400 | 409; body: { error: string; conflicts?: Conflict[] } }

/** Teaches as /教 does (the same function), then shows the answer the question now gets. */
export async function teachFromConsole(store: Store, knowledge: Knowledge, body: z.infer<typeof TeachBodySchema>): Promise<TeachResult> {
  const outcome = await teach(store, knowledge, body.text, body.intent, { force: body.force })
  if (outcome.status === 'invalid') return { status: 400, body: { error: outcome.problem } }
  if (outcome.status === 'conflicts') {
    const lines = outcome.conflicts.map((c) => conflictLine(knowledge, c)).join('；')
    return { status: 409, body: { error: `没有教：${lines}。确认无误可勾选「强制」再教。`, conflicts: outcome.conflicts } }
  }
  const topic = title(knowledge, outcome.status === 'taught' ? outcome.phrasing.intent : outcome.intent)
  const message = {
    taught: `已教会：以后「${body.text}」会按「${topic}」回答。`,
    known: `知识库里已有这个问法（${topic}），不用教。`,
    unchanged: `之前已经教过（${topic}）。`,
  }[outcome.status]
  return { status: 200, body: { status: outcome.status, message, answer: await answerNow(store, knowledge, body.text) } }
}

export async function forgetFromConsole(store: Store, knowledge: Knowledge, text: string): Promise<{ forgotten: boolean; message: string }> {
  const outcome = await forget(store, knowledge, text)
  return outcome.status === 'forgotten'
    ? { forgotten: true, message: `已撤销「${outcome.phrasing.text}」→ ${title(knowledge, outcome.phrasing.intent)}` }
    : { forgotten: false, message: '这句没有教过。' }
}
