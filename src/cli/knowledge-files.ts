// Where the CLI reads and writes the knowledge files (tests point it at a temporary copy).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const knowledgeFile = (name: string) => fileURLToPath(new URL(`../../knowledge/${name}`, import.meta.url))

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'))
}

/** Written as the file is kept: 2-space JSON and a final newline. */
export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}
