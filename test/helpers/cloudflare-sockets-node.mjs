// workerd's `cloudflare:sockets` connect() over node:net, for running the Worker's Redis connection in Node: the
// cold-start bench's child resolves the module here (cloudflare-sockets-loader.mjs), and the connector's test uses it.
// Plain JavaScript, so that the bench's child process can import it as it is.
import { connect as netConnect } from 'node:net'
import { Duplex } from 'node:stream'

/** A TCP socket with the shape connect() returns: web streams and an `opened` promise. TLS is not offered here. */
export function connect({ hostname, port }, { secureTransport = 'off' } = {}) {
  const socket = netConnect(port, hostname)
  const { readable, writable } = Duplex.toWeb(socket)
  const opened = new Promise((resolve, reject) => {
    if (secureTransport !== 'off') reject(new Error('TLS is not offered by the Node stand-in for cloudflare:sockets'))
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  opened.catch(() => socket.destroy())
  const closed = new Promise((resolve) => socket.once('close', () => resolve()))
  return { readable, writable, opened, closed, close: async () => void socket.destroy() }
}
