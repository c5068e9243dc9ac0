import { Readable } from 'node:stream'
import { main } from '../../src/cli/main'

export interface CliRun { code: number; stdout: string; stderr: string }

/**
 * The CLI in-process through its entry function, as `npm run --silent cli -- …argv` would run it, with the given
 * stdin and environment (empty unless given: nothing leaks in from the test runner's own env).
 */
export async function runCli(argv: string[], opts: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdin: Readable.from(opts.input === undefined ? [] : [opts.input]),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: opts.env ?? {},
  })
  return { code, stdout, stderr }
}
