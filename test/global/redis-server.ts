// Vitest global setup: make sure something answers on REDIS_URL. When nothing does and it is a local address,
// start a throwaway redis-server on that port (no persistence) for this run, and stop it at the end. A server that
// was already running is left alone.
import { connect } from 'node:net'
import { REDIS_URL } from '../helpers/redis-url'
import { hasRedisServer, startRedisServer, stopRedisServer } from '../helpers/redis-server-process'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

/** Whether anything accepts a connection there (a password-protected Redis counts). */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, host)
    sock.setTimeout(1000)
    sock.once('connect', () => (sock.destroy(), resolve(true)))
    sock.once('error', () => resolve(false))
    sock.once('timeout', () => (sock.destroy(), resolve(false)))
  })
}

export default async function ensureRedis(): Promise<() => Promise<void>> {
  const url = new URL(REDIS_URL)
  const host = url.hostname
  const port = Number(url.port || 6379)
  if (await listening(host, port)) return async () => {}
  if (!LOOPBACK.has(host)) throw new Error(`nothing answers at ${url.protocol}//${url.host} (REDIS_URL); the tests need Redis`)
  if (!hasRedisServer) {
    throw new Error(`nothing answers at redis://${host}:${port} and redis-server is not installed; install Redis or set REDIS_URL`)
  }
  const server = await startRedisServer(port)
  console.info(`[test] nothing answered on port ${port}: started redis-server (pid ${server.pid}) for this run`)
  return async () => {
    await stopRedisServer(server)
    console.info(`[test] stopped the redis-server started for this run (port ${port})`)
  }
}
