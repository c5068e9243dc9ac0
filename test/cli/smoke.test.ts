// The one CLI test through a real process: the documented command, real stdin/stdout/stderr and the exit code.
// Everything else about the CLI is tested in-process through main() (test/helpers/cli.ts).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

describe('npm run --silent cli', () => {
  it('reads stdin, writes results to stdout and problems to stderr, and exits with the code', () => {
    const input = '{"title":"最好的咖啡","keywords":["咖啡"]}\nnot json\n'
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'check-title', '--jsonl'], { cwd: root, input, encoding: 'utf8', timeout: 30_000 })
    expect(r.status).toBe(1)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ title: '最好的咖啡' })
    expect(lines[0].issues.map((i: { rule: string }) => i.rule)).toContain('ad-law')
    expect(lines[1].error).toMatch(/^line 2:/)
    expect(r.stderr.trim()).toMatch(/^line 2:/)
  })
})
