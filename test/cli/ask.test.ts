import { describe, expect, it } from 'vitest'
import { titleReply } from '../../handlers/title-reply'
import { askResult, runAsk, type AskResult } from '../../src/cli/ask'
import { replyToText } from '../../src/cli/reply-text'
import { loadKnowledge } from '../../src/knowledge/knowledge'
import { getMatcher } from '../../src/matcher/matcher'
import { tipForDate } from '../../src/tips/schedule'
import { checkTitle } from '../../src/title/check'

const knowledge = loadKnowledge()
// 2026-11-24 09:30 in Asia/Shanghai.
const NOW = new Date('2026-11-24T01:30:00Z')

async function* linesOf(...lines: string[]): AsyncIterable<string> {
  yield* lines
}

async function ask(args: string[], opts: { stdin?: string[]; env?: Record<string, string> } = {}) {
  const out: string[] = []
  const err: string[] = []
  const code = await runAsk(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    lines: opts.stdin ? linesOf(...opts.stdin) : linesOf(),
    env: opts.env ?? {},
    now: () => NOW,
  })
  return { code, out, err, text: out.join('\n'), json: () => out.map((l) => JSON.parse(l) as AskResult) }
}

describe('cli ask', () => {
  it('"/tip" goes through the commands handler and prints the day\'s tip for the chat', async () => {
    const r = await ask(['/tip'])
    const tip = tipForDate(knowledge.tips, '2026-11-24', 'cli-chat')
    expect(r.code).toBe(0)
    expect(r.text).toContain('今日小红书运营tip · 11月24日')
    expect(r.text).toContain(tip.text)
    expect(r.text).not.toContain('红书参谋能做什么')

    const other = tipForDate(knowledge.tips, '2026-11-24', 'oc_other')
    const [json] = (await ask(['/tip', '--json', '--chat', 'oc_other'])).json()
    expect(json?.reply?.kind).toBe('tip')
    expect(json?.reply?.blocks).toEqual([{ kind: 'markdown', text: other.text }])
    expect(json).toMatchObject({ intent: null, score: 1 })
  })

  it('"标题检查 …" prints the title report the handler builds from checkTitle', async () => {
    const title = '最近发现的宝藏咖啡店'
    const r = await ask([`标题检查 ${title}`])
    const report = checkTitle(title)
    expect(r.code).toBe(0)
    expect(r.text).toBe(replyToText(titleReply(report, [], knowledge)))
    expect(r.text).toContain(`${report.score}分`)
    const [json] = (await ask(['标题检查', title, '--json'])).json()
    expect(json?.reply?.kind).toBe('title-check')
    expect(json?.intent).toBeNull()
  })

  it('answers a question with the matcher\'s decision and a Feishu card 2.0 in --json', async () => {
    const text = '新号还有机会吗'
    const match = getMatcher(knowledge).match(text)
    const [json] = (await ask([text, '--json'])).json()
    expect(json?.intent).toBe(match.intent)
    expect(json?.score).toBe(match.score)
    expect(json?.reply?.kind).toBe('answer')
    expect(json?.reply).not.toHaveProperty('decision')
    expect(json?.card).toMatchObject({ schema: '2.0' })
  })

  it('falls back on an off-topic question: intent null, the matcher\'s score', async () => {
    const text = '今天天气怎么样'
    const [json] = (await ask([text, '--json'])).json()
    expect(json?.intent).toBeNull()
    expect(json?.score).toBe(getMatcher(knowledge).match(text).score)
    expect(json?.reply?.kind).toBe('fallback')
  })

  it('carries the session across stdin lines: "展开说说" follows the answer before it', async () => {
    const intent = knowledge.byId.get('new-account')!
    const r = await ask([], { stdin: ['新号还有机会吗', '', '展开说说'] })
    expect(r.code).toBe(0)
    expect(r.text.indexOf(intent.answer)).toBeGreaterThanOrEqual(0)
    expect(r.text.indexOf(intent.followUp)).toBeGreaterThan(r.text.indexOf(intent.answer))

    const lines = (await ask(['--json'], { stdin: ['新号还有机会吗', '展开说说'] })).json()
    expect(lines.map((l) => l.intent)).toEqual(['new-account', 'new-account'])
    expect(lines[1]?.reply?.blocks).toEqual([{ kind: 'markdown', text: intent.followUp }])
  })

  it('starts every run with an empty session', async () => {
    const [json] = (await ask(['展开说说', '--json'])).json()
    expect(json?.reply?.title).toBe('先问我一个问题吧')
  })

  it('makes the sender an admin only with --admin once ADMIN_IDS is set', async () => {
    const env = { ADMIN_IDS: 'ou_boss' }
    expect((await ask(['/订阅'], { env })).text).toContain('需要管理员操作')
    expect((await ask(['/订阅', '--admin'], { env })).text).not.toContain('需要管理员操作')
    expect((await ask(['/订阅', '--user', 'ou_boss'], { env })).text).not.toContain('需要管理员操作')
  })

  it('turns the rate limit off: many lines, every one answered', async () => {
    const lines = (await ask(['--json'], { stdin: Array.from({ length: 20 }, () => '关键词应该写在哪里') })).json()
    expect(lines).toHaveLength(20)
    expect(lines.every((l) => l.intent === 'keyword-layout')).toBe(true)
  })

  it('rejects an unknown flag or a flag without its value with the usage, exit 2', async () => {
    for (const args of [['hi', '--jsn'], ['hi', '--chat']]) {
      const r = await ask(args)
      expect(r.code).toBe(2)
      expect(r.out).toEqual([])
      expect(r.err.join('\n')).toContain('usage: ask')
    }
  })

  it('reports silence as a null reply', () => {
    expect(askResult(null)).toEqual({ intent: null, score: 0, reason: 'no reply', reply: null, card: null })
  })
})
