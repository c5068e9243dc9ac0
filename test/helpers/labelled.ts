import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export interface Labelled {
  text: string
  intent: string | null
}

/** A labelled question set from test/fixtures (one JSON object a line). */
export function loadLabelled(file: string): Labelled[] {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled)
}
