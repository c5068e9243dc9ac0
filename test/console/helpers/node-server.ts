// The real Node entry (src/node/main.ts, bundled once for the run; test/node/main.test.ts starts it through tsx as
// `npm start` does) as a child process on a free port, with its own Redis key prefix, for tests that talk to it over
// HTTP or through a browser.
import { spawn, type ChildProcess } from 'node:child_process'
import { nodeEntryArgs } from '../../helpers/node-entry'
import { REDIS_URL } from '../../helpers/redis-test-store'

export interface NodeServer {
  url: string
  logs: string[]
  stop(): Promise<void>
}

export async function startNodeServer(env: Record<string, string>): Promise<NodeServer> {
  const child: ChildProcess = spawn(process.execPath, nodeEntryArgs('bundle'), {
    env: { PATH: process.env.PATH ?? '', REDIS_URL, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const logs: string[] = []
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Node server did not start:\n${logs.join('')}`)), 30_000)
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => {
      logs.push(chunk)
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(logs.join(''))
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the Node server exited (${code}):\n${logs.join('')}`))
    })
  })
  return {
    url,
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
