// What a CLI subcommand may touch of its process, passed in so tests run the CLI in-process.
import { createInterface } from 'node:readline'

export interface CliIo {
  /** Input of the stdin modes (`--jsonl`, `match`). */
  stdin: NodeJS.ReadableStream
  /** Results only. */
  stdout: { write(text: string): unknown }
  /** Usage, logs and errors. */
  stderr: { write(text: string): unknown }
  env: Record<string, string | undefined>
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }
}

/** stdin, one line at a time (CRLF or LF); nothing is read until the first line is asked for. */
export function stdinLines(io: CliIo): AsyncIterable<string> {
  return { [Symbol.asyncIterator]: () => createInterface({ input: io.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]() }
}
