// The Node entry as an operator runs it (`npm start`): what it prints on start-up (the console off without
// CONSOLE_TOKEN; test/console/suites/node-entry.ts has it on), on a port it cannot have, and what it does with replies
// still in flight when it is told to stop.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { CONSOLE_OFF_NOTICE } from '../../src/console'
import { Outbox } from '../../src/platforms/outbox'
import { REDIS_URL } from '../helpers/app'
import { ENCRYPT_KEY, TOKEN, feishuRequest, textMessage, uid } from '../helpers/feishu'
import { prefixedRedisStore, testPrefix } from '../helpers/redis-test-store'
import { nodeEntryArgs } from '../helpers/node-entry'
import { freePort } from '../helpers/redis-server-process'
import { fakeOpenApiWith } from '../helpers/open-api-fixture'

interface Run {
  code: number | null
  stderr: string
}

/**
 * Starts src/node/main.ts (through tsx as `npm start` does, or its bundle); `whenReady` runs once it logs that it is
 * listening, then it is sent SIGTERM.
 */
function runMain(via: 'tsx' | 'bundle', env: Record<string, string>, whenReady?: () => void | Promise<void>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeEntryArgs(via), {
      env: { PATH: process.env.PATH ?? '', TIP_CRON: '0 9 * * *', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    let ready = false
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (!ready && /listening on/.test(stderr)) {
        ready = true
        void Promise.resolve(whenReady?.()).finally(() => child.kill('SIGTERM'))
      }
    })
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('exit', (code) => {
      clearTimeout(killer)
      resolve({ code, stderr })
    })
  })
}

const prefix = testPrefix('node-main')
const { api, store } = fakeOpenApiWith(prefixedRedisStore(prefix))

describe('npm start (src/node/main.ts)', () => {
  it('exits 1 with one clear line, not a stack trace, when the port is taken', async () => {
    const holder = createServer()
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r))
    const port = (holder.address() as { port: number }).port
    const run = await runMain('bundle', { PORT: String(port), HOST: '127.0.0.1' })
    holder.close()
    expect(run.code).toBe(1)
    const problems = run.stderr.split('\n').filter((l) => /EADDRINUSE|cannot listen|^\s+at /.test(l))
    expect(problems).toEqual([`cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE); stop the other process or set PORT to a free port`])
  })

  // Each start costs a second or more of CPU, so one pair of starts shows both the clean start and stop and the
  // hand-off through the outbox. The first is `npm start`'s own command; the other starts in this suite use the bundle.
  it('logs the address it bound and that the console is off, on SIGTERM hands a reply it is still retrying to the outbox and exits 0, and the next start sends it', async () => {
    const env = {
      HOST: '127.0.0.1',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      FEISHU_APP_ID: 'cli_test',
      FEISHU_APP_SECRET: 'secret_test',
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
      FEISHU_API_BASE: api.url,
      // Retries last 4 s here, the shutdown waits 1 s for them: the stop comes mid-retry. The hand-off that follows
      // is not scaled (up to 2 s to write the reply to the outbox; its 0.4 s at this scale was too short on a busy
      // machine).
      DELIVERY_TIME_SCALE: '0.2',
    }
    const messageId = uid('om')
    const replies = () => api.sent('reply').filter((c) => c.path.includes(messageId))
    for (let i = 0; i < 50; i++) api.script('/reply$', { status: 503, body: { code: 503, msg: 'service unavailable' } })

    const port = await freePort()
    const first = await runMain('tsx', { ...env, PORT: String(port) }, async () => {
      const req = await feishuRequest(textMessage({ text: '新号怎么起步', chatId: uid('oc'), messageId }))
      const res = await fetch(`http://127.0.0.1:${port}/webhook/feishu`, { method: 'POST', headers: req.headers, body: await req.text() })
      expect(res.status).toBe(200)
      while (replies().length === 0) await new Promise((r) => setTimeout(r, 20))
    })
    expect(first.stderr).toContain(`listening on http://127.0.0.1:${port}`)
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/handed unfinished replies to the outbox/)
    const kept = (await new Outbox(store).entries()).find((e) => e.target.messageId === messageId)
    expect(kept?.reply).toBeTruthy()

    api.clearScripts()
    const attemptsBefore = replies().length
    const secondPort = await freePort()
    const second = await runMain('bundle', { ...env, PORT: String(secondPort) }, async () => {
      // Without CONSOLE_TOKEN there is no console at all, not even its sign-in page.
      expect((await fetch(`http://127.0.0.1:${secondPort}/console`)).status).toBe(404)
      expect((await fetch(`http://127.0.0.1:${secondPort}/console/api/ask`, { method: 'POST', body: '{}' })).status).toBe(404)
      while (replies().length === attemptsBefore) await new Promise((r) => setTimeout(r, 20))
    })
    expect(second.stderr).toContain(`listening on http://127.0.0.1:${secondPort}`)
    expect(second.stderr).toContain(CONSOLE_OFF_NOTICE)
    expect(second.code).toBe(0)
    expect(new Set(replies().map((c) => c.body.uuid))).toEqual(new Set([`r-${messageId}`]))
    expect((await new Outbox(store).entries()).some((e) => e.target.messageId === messageId)).toBe(false)
    // Two process starts, each with its warm-up before listening, a retry window and a shutdown: ~10 s alone, more
    // beside other test files on a busy 2-core machine.
  }, 60_000)
})
