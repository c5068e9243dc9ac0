// The chaos suite's own redis-server (loopback, its own port), to kill, restart and push to OOM.
import { spawn, type ChildProcess } from 'node:child_process'
import Redis from 'ioredis'

export class ChaosRedis {
  private child: ChildProcess | undefined

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  private client(): Redis {
    const c = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, disableClientInfo: true })
    c.on('error', () => {}) // a refused connection is an answer here (the server is down), not news
    return c
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    for (let i = 0; i < 100; i++) {
      if (await this.ping()) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`redis-server did not start on port ${this.port}`)
  }

  async ping(): Promise<boolean> {
    const c = this.client()
    try {
      await c.connect()
      return (await c.ping()) === 'PONG'
    } catch {
      return false
    } finally {
      c.disconnect()
    }
  }

  /** SIGKILL: no goodbye to the clients, as a crash or an OOM kill would be. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    await new Promise<void>((r) => {
      child.once('exit', () => r())
      child.kill('SIGKILL')
    })
    this.child = undefined
  }

  /** maxmemory 1 byte with noeviction: every write is refused with -OOM while reads still work. */
  async oom(on: boolean): Promise<void> {
    const c = this.client()
    await c.connect()
    await c.config('SET', 'maxmemory-policy', 'noeviction')
    await c.config('SET', 'maxmemory', on ? '1' : '0')
    c.disconnect()
  }

  /** Runs a command against the server (reading counters at the end of a run). */
  async with<T>(f: (c: Redis) => Promise<T>): Promise<T> {
    const c = this.client()
    await c.connect()
    try {
      return await f(c)
    } finally {
      c.disconnect()
    }
  }
}
