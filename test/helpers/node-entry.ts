import { inject } from 'vitest'

/**
 * Node arguments that start the Node entry (src/node/main.ts): through tsx as `npm start` does, or the bundle built
 * once for the run (test/global/node-entry-bundle.ts), the same code at less than half the start-up CPU.
 */
export function nodeEntryArgs(via: 'tsx' | 'bundle'): string[] {
  return via === 'tsx' ? ['--import', 'tsx', 'src/node/main.ts'] : [inject('nodeEntryBundle')]
}
