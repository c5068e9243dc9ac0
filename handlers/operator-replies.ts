// Replies of the operator's commands that are not about one feature: who you are, and why you may not.
import type { HandlerContext } from '../src/bot/handler'
import type { Block, Button, Reply, ReplyTone } from '../src/bot/reply'

export function notice(title: string, text: string | Block[], tone: ReplyTone = 'blue', buttons: Button[] = []): Reply {
  return { kind: 'notice', title, tone, blocks: typeof text === 'string' ? [{ kind: 'markdown', text }] : text, buttons }
}

const PLATFORM_NAME = { feishu: '飞书', wecom: '企业微信' } as const

const HOW_TO_SET = [
  '把管理员的 id 写进 ADMIN_IDS（多个用英文逗号分隔）：',
  '· Node：设置环境变量 ADMIN_IDS 后重启',
  '· Workers：`npx wrangler secret put ADMIN_IDS`（保存后立即生效）',
  '每个人发送 `/我的ID` 就能看到自己的 id。',
].join('\n')

export function myIdReply(ctx: HandlerContext): Reply {
  const { platform, senderId } = ctx.msg
  const status = ctx.adminListed ? '你已经在 ADMIN_IDS 里，是管理员。' : '把它加进 ADMIN_IDS，就能用 /统计、/待答、/教、/忘。'
  return notice('你的 ID', `你在${PLATFORM_NAME[platform]}上的 id：\`${senderId}\`\n${status}`, 'blue')
}

/** null when the sender may use the teaching and stats commands; otherwise the refusal, naming ADMIN_IDS. */
export function adminRefusal(ctx: HandlerContext, what: string): Reply | null {
  if (ctx.adminListed) return null
  // isAdmin without being listed only happens while ADMIN_IDS is empty (src/bot/dispatch.ts).
  if (ctx.isAdmin) {
    return notice('需要先设置 ADMIN_IDS', `${what}只对 ADMIN_IDS 里的管理员开放，现在 ADMIN_IDS 还是空的，所以暂时谁都不能用。\n${HOW_TO_SET}\n你的 id：\`${ctx.msg.senderId}\``, 'orange')
  }
  return notice('需要管理员操作', `${what}只有 ADMIN_IDS 里的管理员可以用。你的 id 是 \`${ctx.msg.senderId}\`，需要的话请部署机器人的人把它加进 ADMIN_IDS。`, 'grey')
}

export const LOG_OFF = notice('问题记录已关闭', '没有记录可看：QUESTION_LOG_DAYS 设成了 0。把它设成天数（默认 30）就会开始记录大家问的问题。', 'grey')

/** "3天前" from two ms times. */
export function ago(at: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - at) / 60_000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes}分钟前`
  if (minutes < 24 * 60) return `${Math.round(minutes / 60)}小时前`
  return `${Math.round(minutes / 1440)}天前`
}
