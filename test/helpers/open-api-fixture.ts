import { afterAll, beforeAll } from 'vitest'
import type { Store } from '../../src/store/store'
import { FakeOpenApi } from './fake-open-api'
import { BOT } from './feishu'

/** A fake Open API started before the file's tests and stopped after them, with the store the file uses closed then too. */
export function fakeOpenApiWith(store: Store): { api: FakeOpenApi; store: Store } {
  const api = new FakeOpenApi(BOT)
  beforeAll(() => api.start())
  afterAll(async () => {
    await api.stop()
    await store.close()
  })
  return { api, store }
}
