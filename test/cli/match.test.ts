import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli'

describe('cli match --jsonl', () => {
  it('adds intent, score and candidates to each line and copies the other fields', async () => {
    const input = ['{"text":"直播卖货还能做吗","id":1,"tag":"x"}', '', '{"text":"今天天气怎么样","id":2}'].join('\n')
    const r = await runCli(['match', '--jsonl'], { input })
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ text: '直播卖货还能做吗', id: 1, tag: 'x', intent: 'live-commerce' })
    expect(lines[0].score).toBeGreaterThan(0)
    expect(lines[0].candidates[0]).toEqual({ intent: 'live-commerce', score: lines[0].score })
    expect(lines[1]).toMatchObject({ id: 2, intent: null })
    expect(lines[1].candidates.length).toBeLessThanOrEqual(3)
  })

  it('answers no topic for a command or a title check, as a chat would not', async () => {
    const input = ['{"text":"/tip"}', '{"text":"@红书参谋 标题检查 最近发现的宝藏咖啡店"}', '{"text":"/我的ID"}'].join('\n')
    const r = await runCli(['match', '--jsonl'], { input })
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.intent, l.reason])).toEqual([[null, 'command'], [null, 'title check'], [null, 'command']])
  })

  it('reports a line without text on stderr and exits 1, still answering the good lines', async () => {
    const r = await runCli(['match', '--jsonl'], { input: '{"nope":1}\n{"text":"那探店呢"}\n' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('line 1')
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ intent: 'local-life' })
  })
})

describe('cli ask', () => {
  it('prints {intent, score, reply, card} with --json', async () => {
    const r = await runCli(['ask', '关键词写在哪里', '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.intent).toBe('keyword-layout')
    expect(out.reply.kind).toBe('answer')
    expect(out.card.schema).toBe('2.0')
  })

  it('prints readable text with the fallback for an off-topic question', async () => {
    const r = await runCli(['ask', '怎么注销小红书账号'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('这个我不确定')
  })
})

describe('cli knowledge check', () => {
  it('passes on the shipped knowledge', async () => {
    const r = await runCli(['knowledge', 'check'])
    expect(r.stdout).toContain('0 error(s)')
    expect(r.code).toBe(0)
  })
})

describe('cli entry', () => {
  it('prints the usage on stdout and exits 0 for --help', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^usage: npm run --silent cli --/)
    expect(r.stderr).toBe('')
  })

  it('exits 2 with the usage on stderr for an unknown or missing subcommand', async () => {
    const unknown = await runCli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toMatch(/^unknown subcommand: frobnicate\nusage:/)
    const none = await runCli([])
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^usage:/)
  })
})

describe('cli ask in a 1:1 chat', () => {
  it('says 这里, not 本群, in the subscription replies', async () => {
    const r = await runCli(['ask', '/订阅', '--p2p'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('这里每天早上会收到')
    expect(r.stdout).not.toContain('本群')
    const group = await runCli(['ask', '/订阅'])
    expect(group.stdout).toContain('本群每天早上会收到')
  })
})
