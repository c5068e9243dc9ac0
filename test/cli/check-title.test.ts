import { describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli'

const cli = (args: string[], input?: string) => runCli(['check-title', ...args], { input })

describe('cli check-title', () => {
  it('prints only the report JSON with --json', async () => {
    const { code, stdout } = await cli(['全网最低价！加vx领券', '--json'])
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    expect(report).toMatchObject({ title: '全网最低价！加vx领券', length: 10, limit: 20 })
    expect(report.issues.map((i: { rule: string }) => i.rule)).toEqual(['ad-law', 'diversion', 'rewrite', 'score'])
    expect(report.score).toBe(50)
  })

  it('checks each --keyword', async () => {
    const { stdout } = await cli(['周末去了趟西湖边的小店', '--keyword', '咖啡', '--keyword', '探店', '--json'])
    const rules = JSON.parse(stdout).issues.filter((i: { rule: string }) => i.rule === 'missing-keyword')
    expect(rules.map((i: { match: string }) => i.match)).toEqual(['咖啡', '探店'])
  })

  it('prints a readable report without --json', async () => {
    const { code, stdout } = await cli(['这是我用过最好的洗面奶'])
    expect(code).toBe(0)
    expect(stdout).toContain('score 59/100')
    expect(stdout).toContain('[ad-law] 「我用过最好的」')
  })

  it('answers one report per stdin line with --jsonl, and an error line for a bad one', async () => {
    const input = ['{"title":"随便拍拍"}', 'not json', '{"title":"最好的咖啡","keywords":["咖啡"]}', ''].join('\n')
    const { code, stdout, stderr } = await cli(['--jsonl'], input)
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(3)
    expect(lines[0].issues.map((i: { rule: string }) => i.rule)).toContain('vague')
    expect(lines[1].error).toMatch(/^line 2:/)
    expect(stderr).toMatch(/^line 2:/)
    expect(lines[2].title).toBe('最好的咖啡')
    expect(code).toBe(1)
  })

  it('exits 2 with usage on stderr when the title is missing', async () => {
    const { code, stdout, stderr } = await cli([])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('usage')
  })
})
