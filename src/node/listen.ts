// Node only: puts the app on a port and reports what was actually bound, or one clear line when it cannot.
import { serve } from '@hono/node-server'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Listening {
  server: Server
  /** The address the socket is bound to, e.g. http://0.0.0.0:8787 or http://[::1]:8787. */
  url: string
}

/** http://host:port of a bound socket; IPv6 addresses in brackets. */
export function boundUrl(info: AddressInfo): string {
  const host = info.family === 'IPv6' || info.address.includes(':') ? `[${info.address}]` : info.address
  return `http://${host}:${info.port}`
}

/** One line an operator can act on, instead of a stack trace. */
export function listenErrorMessage(err: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `cannot listen on ${host}:${port}`
  switch (err.code) {
    case 'EADDRINUSE':
      return `${where}: the port is already in use (EADDRINUSE); stop the other process or set PORT to a free port`
    case 'EACCES':
      return `${where}: permission denied (EACCES); ports below 1024 need privileges, so set PORT to 1024 or above`
    case 'EADDRNOTAVAIL':
      return `${where}: this machine has no such address (EADDRNOTAVAIL); set HOST to one of its addresses, 127.0.0.1 or 0.0.0.0`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${where}: HOST "${host}" is neither an IP address nor a name that resolves (${err.code})`
    default:
      return `${where}: ${err.message}${err.code ? ` (${err.code})` : ''}`
  }
}

/** Serves `fetch` on host:port; rejects with an Error carrying listenErrorMessage's line. */
export function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  host: string,
  port: number,
  log: (message: string) => void,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    let bound = false
    const server = serve({ fetch, port, hostname: host }, (info) => {
      bound = true
      resolve({ server, url: boundUrl(info) })
    }) as Server
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (bound) log(`server error: ${err.message}`)
      else reject(new Error(listenErrorMessage(err, host, port)))
    })
  })
}
