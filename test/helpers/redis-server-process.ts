import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { connect, createServer } from 'node:net'

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.once('error', () => resolve(null))
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : null))
    })
  })
}

/**
 * A port nobody listens on. TEST_REDIS_PORTS=16300-16399 keeps the servers this suite starts inside a range
 * (machines shared by several test runs hand each its own); otherwise the system picks one.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.TEST_REDIS_PORTS ?? '')
  if (!range) {
    const port = await listenOnce(0)
    if (port === null) throw new Error('no free port')
    return port
  }
  const [low, high] = [Number(range[1]), Number(range[2])]
  const span = high - low + 1
  // A random start, so test files running side by side rarely race for the same port.
  const start = Math.floor(Math.random() * span)
  for (let i = 0; i < span; i++) {
    const port = low + ((start + i) % span)
    if ((await listenOnce(port)) !== null) return port
  }
  throw new Error(`no free port in TEST_REDIS_PORTS=${process.env.TEST_REDIS_PORTS}`)
}

function answersPing(port: number, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1')
    sock.setTimeout(300)
    sock.once('connect', () => sock.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'))
    let got = ''
    sock.on('data', (d) => {
      got += d.toString()
      if (!got.includes('\r\n') || (password && got.split('\r\n').length < 3)) return
      sock.destroy()
      resolve(got.includes('+PONG'))
    })
    sock.once('error', () => resolve(false))
    sock.once('timeout', () => {
      sock.destroy()
      resolve(false)
    })
  })
}

/**
 * A throwaway redis-server of our own, so killing it disturbs nobody else's tests. `extra` are more
 * redis-server options (e.g. --maxmemory 1mb); with --requirepass, pass the password so readiness can be checked.
 */
export async function startRedisServer(port: number, extra: string[] = [], password?: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...extra],
    { stdio: 'ignore' },
  )
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break
    if (await answersPing(port, password)) return child
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`redis-server did not answer on port ${port}`)
}

export function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}
