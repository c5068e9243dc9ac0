// App instances for the chaos suite: the real Node entry (src/node/main.ts), each in its own process.
import { spawn, type ChildProcess } from 'node:child_process'

export class Instance {
  private child: ChildProcess | undefined
  /** Everything the process wrote to stderr (its log). */
  log = ''

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
  }

  start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/main.ts'], {
      env: { PATH: process.env.PATH ?? '', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    this.child = child
    let mine = ''
    return new Promise((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        this.log += d.toString()
        mine += d.toString()
        if (/listening on/.test(mine)) resolve()
      })
      child.once('exit', (code) => reject(new Error(`${this.name} exited with ${code} before listening:\n${this.log}`)))
    })
  }

  /** SIGTERM and wait for the exit; resolves with how long the graceful stop took and the exit code. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ ms: number; code: number | null }> {
    const child = this.child
    if (!child || !this.running) return Promise.resolve({ ms: 0, code: child?.exitCode ?? null })
    const started = performance.now()
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve({ ms: performance.now() - started, code }))
      child.kill(signal)
    })
  }

  /** Log lines matching `re` (e.g. replies given up). */
  lines(re: RegExp): string[] {
    return this.log.split('\n').filter((l) => re.test(l))
  }
}
