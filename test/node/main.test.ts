// The Node entry as an operator runs it (`npm start`): what it prints on start-up and on a port it cannot have.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { freePort } from '../helpers/redis-server-process'

interface Run {
  code: number | null
  stderr: string
}

/** Starts src/node/main.ts; `whenReady` runs once it logs that it is listening (then it is sent SIGTERM). */
function runMain(env: Record<string, string>, whenReady?: (stderr: string) => void | Promise<void>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/main.ts'], {
      env: { PATH: process.env.PATH ?? '', TIP_CRON: '0 9 * * *', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    let ready = false
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (!ready && /listening on/.test(stderr)) {
        ready = true
        void Promise.resolve(whenReady?.(stderr)).finally(() => child.kill('SIGTERM'))
      }
    })
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('exit', (code) => {
      clearTimeout(killer)
      resolve({ code, stderr })
    })
  })
}

describe('npm start (src/node/main.ts)', () => {
  it('logs the address it bound and stops cleanly on SIGTERM', async () => {
    const port = await freePort()
    const run = await runMain({ PORT: String(port), HOST: '127.0.0.1' })
    expect(run.stderr).toContain(`listening on http://127.0.0.1:${port}`)
    expect(run.code).toBe(0)
  })

  it('exits 1 with one clear line, not a stack trace, when the port is taken', async () => {
    const holder = createServer()
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r))
    const port = (holder.address() as { port: number }).port
    const run = await runMain({ PORT: String(port), HOST: '127.0.0.1' })
    holder.close()
    expect(run.code).toBe(1)
    const problems = run.stderr.split('\n').filter((l) => /EADDRINUSE|cannot listen|^\s+at /.test(l))
    expect(problems).toEqual([`cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE); stop the other process or set PORT to a free port`])
  })
})
