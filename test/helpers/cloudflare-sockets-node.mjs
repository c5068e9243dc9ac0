// workerd's `cloudflare:sockets` connect() over node:net, for running the Worker's Redis connection in Node: the
// cold-start bench's child resolves the module here (cloudflare-loader.mjs), and the connector's test uses it.
// As thin as the connector allows (a readable stream fed by the socket's data events, and a writer), so that the
// bench's Node figures carry little of the stand-in's own cost. Plain JavaScript: the bench's child imports it as it
// is.
import { connect as netConnect } from 'node:net'

/** A TCP socket with the shape connect() returns: a readable stream, a writer, an `opened` promise. No TLS here. */
export function connect({ hostname, port }, { secureTransport = 'off' } = {}) {
  const socket = netConnect(port, hostname)
  const readable = new ReadableStream({
    start(controller) {
      socket.on('data', (chunk) => controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)))
      socket.once('end', () => controller.close())
      socket.once('error', (err) => controller.error(err))
    },
  })
  const writer = {
    write: (chunk) => new Promise((resolve, reject) => socket.write(chunk, (err) => (err ? reject(err) : resolve()))),
    close: async () => void socket.end(),
  }
  const opened = new Promise((resolve, reject) => {
    if (secureTransport !== 'off') reject(new Error('TLS is not offered by the Node stand-in for cloudflare:sockets'))
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  opened.catch(() => socket.destroy())
  return { readable, writable: { getWriter: () => writer }, opened, close: async () => void socket.destroy() }
}
