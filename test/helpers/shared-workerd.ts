// The one workerd every Worker test file talks to (test/worker/workerd.test.ts starts it): a start bundles the
// Worker, launches workerd and pays its first requests, seconds of CPU that three files used to pay each.
import type { FakeOpenApi } from './fake-open-api'
import type { Store } from '../../src/store/store'
import type { TestWorker } from './workerd'

export interface SharedWorkerd {
  worker: TestWorker
  /** the fake Feishu Open API and WeCom host both API bases point at */
  api: FakeOpenApi
  /** the Worker's REDIS_PREFIX, seen through a store of this process */
  store: Store
  prefix: string
  /** what the Worker was given as ADMIN_IDS and CONSOLE_TOKEN */
  admin: string
  consoleToken: string
}

/** Filled in by the runner's beforeAll; the suites read it inside their tests. */
export const workerd = {} as SharedWorkerd
