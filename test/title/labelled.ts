import { readFileSync } from 'node:fs'

export interface Labelled {
  title: string
  keywords?: string[]
  mustFire: string[]
  mustNotFire: string[]
  note?: string
}

/**
 * The labelled title sets. titles.jsonl: the original set plus traps and coverage lines written with the
 * v2 word lists. titles-2.jsonl: blind-written, used for tuning. titles-holdout.jsonl: blind-written and
 * HELD OUT — never tuned on item by item; its tests print aggregates only.
 */
export const TITLE_SETS = {
  existing: 'titles.jsonl',
  tuning: 'titles-2.jsonl',
  heldOut: 'titles-holdout.jsonl',
} as const

export function loadTitleSet(file: string): Labelled[] {
  return readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled)
}
