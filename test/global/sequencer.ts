// File order: the files that start processes (Chromium, workerd, Node servers, the CLI) first, the slowest of them
// first, then Vitest's own order (longest last run first). Those files wait on their processes, whose start-up then
// runs beside the other worker's files instead of after them; without a results cache (a fresh clone) Vitest would
// otherwise order by file size.
import { BaseSequencer, type TestSpecification } from 'vitest/node'

const STARTS_PROCESSES = [
  'test/console/browser.test.ts',
  'test/node/main.test.ts',
  'test/worker/workerd.test.ts',
  'test/cli/smoke.test.ts',
]

export class ProcessesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const i = STARTS_PROCESSES.findIndex((p) => f.moduleId.endsWith(p))
      return i < 0 ? STARTS_PROCESSES.length : i
    }
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f)
  }
}
