// Every test of the bundled Worker in workerd (`wrangler dev`'s runtime), on one workerd started here: a start bundles
// the Worker, launches workerd and pays its first requests, seconds of CPU per start. The suites are in ./suites.
import { afterAll, beforeAll } from 'vitest'
import { FakeOpenApi } from '../helpers/fake-open-api'
import { BOT } from '../helpers/feishu'
import { prefixedRedisStore, testPrefix } from '../helpers/redis-test-store'
import { workerd } from '../helpers/shared-workerd'
import { feishuVars, startTestWorker } from '../helpers/workerd'
import { consoleSuite } from './suites/console'
import { operatorSuite } from './suites/operator'
import { webhooksAndCronSuite } from './suites/webhooks-and-cron'

// The Worker's REDIS_PREFIX: it sees only what these suites write (its cron push reads every subscription).
const prefix = testPrefix('workerd')

beforeAll(async () => {
  const api = new FakeOpenApi(BOT)
  await api.start()
  Object.assign(workerd, { api, prefix, store: prefixedRedisStore(prefix), admin: 'ou_worker_admin', consoleToken: 'workerd-console-token-0123456789' })
  workerd.worker = await startTestWorker(prefix, {
    ...feishuVars(api.url),
    WECOM_API_BASE: api.url,
    ADMIN_IDS: workerd.admin,
    CONSOLE_TOKEN: workerd.consoleToken,
  })
}, 120_000)

afterAll(async () => {
  await workerd.worker?.dispose()
  await workerd.api?.stop()
  await workerd.store?.close()
})

webhooksAndCronSuite()
operatorSuite()
consoleSuite()
