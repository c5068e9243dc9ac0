// A Redis connection that never leaves the isolate, for the start-up warm-up (src/warm-up.ts): ioredis's Connector
// option hands it this in-memory stream, which reads the RESP commands ioredis writes and answers them as a small
// Redis would. A Worker may open no connection at start-up, yet a fresh isolate's first question with REDIS_URL set
// would otherwise compile ioredis's command queue, encoder, decoder and reply handling (and load the taught overlay
// through them) on its own CPU time. It goes through the Worker's own socket connector (workers-socket.ts), open at
// once, so that code is compiled too; it answers in microtasks and sets no timers, which workerd refuses at start-up.
import type Redis from 'ioredis'
import { createRedisClient } from './redis-client'
import { workersSocketConnector, type WorkersSocket } from './workers-socket'

/** A status line (+OK) is an object, a bulk string a string; a Map is a RESP3 map (what HELLO 3 turns on). */
type Reply = string | number | null | Reply[] | { status: string } | Map<string, Reply>

const utf8 = new TextEncoder()
const text = new TextDecoder()

const OK = { status: 'OK' }

/** RESP3, as Redis ≥ 6 answers the client after ioredis's HELLO 3. */
function encode(reply: Reply): string {
  if (reply === null) return '_\r\n'
  if (typeof reply === 'number') return `:${reply}\r\n`
  if (Array.isArray(reply)) return `*${reply.length}\r\n${reply.map(encode).join('')}`
  if (reply instanceof Map) return `%${reply.size}\r\n${[...reply].map(([k, v]) => encode(k) + encode(v)).join('')}`
  if (typeof reply === 'object') return `+${reply.status}\r\n`
  return `$${utf8.encode(reply).length}\r\n${reply}\r\n`
}

/** The few commands the bot sends, on plain maps: enough for its request path to take its usual turns. */
class TinyRedis {
  private readonly strings = new Map<string, string>()
  private readonly hashes = new Map<string, Map<string, string>>()
  private queued: string[][] | null = null

  answer(args: string[]): Reply {
    const name = (args[0] ?? '').toLowerCase()
    if (this.queued && name !== 'exec') {
      this.queued.push(args)
      return { status: 'QUEUED' }
    }
    const key = args[1] ?? ''
    switch (name) {
      case 'hello':
        return new Map<string, Reply>([['server', 'redis'], ['version', '7.0.0'], ['proto', 3], ['id', 1], ['mode', 'standalone'], ['role', 'master'], ['modules', []]])
      case 'multi':
        this.queued = []
        return OK
      case 'exec': {
        const queued = this.queued ?? []
        this.queued = null
        return queued.map((a) => this.answer(a))
      }
      case 'get':
        return this.strings.get(key) ?? null
      case 'set':
        // flags come after the key and the value: a value that reads "nx" is a value
        if (args.slice(3).some((a) => a.toUpperCase() === 'NX') && this.strings.has(key)) return null
        this.strings.set(key, args[2] ?? '')
        return OK
      case 'del':
        return args.slice(1).reduce((n, k) => n + Number(this.strings.delete(k)) + Number(this.hashes.delete(k)), 0)
      case 'hset': {
        const hash = this.hashOf(key)
        let added = 0
        for (let i = 2; i + 1 < args.length; i += 2) {
          added += hash.has(args[i]!) ? 0 : 1
          hash.set(args[i]!, args[i + 1]!)
        }
        return added
      }
      case 'hdel':
        return Number(this.hashOf(key).delete(args[2] ?? ''))
      case 'hgetall':
        return new Map(this.hashOf(key))
      case 'zrange':
      case 'zrevrange':
        return []
      case 'zremrangebyscore':
      case 'zremrangebyrank':
        return 0
      case 'eval':
      case 'incr':
      case 'zadd':
      case 'expire':
        return 1
      default:
        return OK
    }
  }

  private hashOf(key: string): Map<string, string> {
    let hash = this.hashes.get(key)
    if (!hash) this.hashes.set(key, (hash = new Map()))
    return hash
  }
}

/** RESP arrays of bulk strings (what ioredis writes), parsed from bytes as they arrive. */
class CommandReader {
  private pending = new Uint8Array(0)

  push(chunk: Uint8Array): string[][] {
    const joined = new Uint8Array(this.pending.length + chunk.length)
    joined.set(this.pending)
    joined.set(chunk, this.pending.length)
    const commands: string[][] = []
    let at = 0
    for (;;) {
      const parsed = this.command(joined, at)
      if (!parsed) break
      commands.push(parsed.args)
      at = parsed.end
    }
    this.pending = joined.slice(at)
    return commands
  }

  private command(bytes: Uint8Array, from: number): { args: string[]; end: number } | null {
    const header = this.line(bytes, from)
    if (!header) return null
    const count = Number(header.text.slice(1))
    const args: string[] = []
    let at = header.end
    for (let i = 0; i < count; i++) {
      const size = this.line(bytes, at)
      if (!size) return null
      const length = Number(size.text.slice(1))
      if (size.end + length + 2 > bytes.length) return null
      args.push(text.decode(bytes.subarray(size.end, size.end + length)))
      at = size.end + length + 2
    }
    return { args, end: at }
  }

  private line(bytes: Uint8Array, from: number): { text: string; end: number } | null {
    for (let i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] === 13 && bytes[i + 1] === 10) return { text: text.decode(bytes.subarray(from, i)), end: i + 2 }
    }
    return null
  }
}

/**
 * A socket shaped as workerd's connect() returns it, open at once, with a TinyRedis at the other end: the warm-up's
 * client goes through the Worker's own socket connector (workers-socket.ts) too.
 */
function inMemorySocket(): WorkersSocket {
  const reader = new CommandReader()
  const redis = new TinyRedis()
  let replies!: ReadableStreamDefaultController<Uint8Array>
  let open = true
  const close = () => {
    if (open) replies.close()
    open = false
  }
  const readable = new ReadableStream<Uint8Array>({ start: (c) => void (replies = c) })
  // a writer, not a WritableStream: workerd refuses to construct one at start-up
  const writer = {
    async write(chunk: Uint8Array) {
      const commands = reader.push(chunk)
      if (commands.length === 0 || !open) return
      const bytes = utf8.encode(commands.map((args) => encode(redis.answer(args))).join(''))
      // in two reads, cut mid-reply, as a long reply arrives from a socket: the decoder's paths that resume a value
      // are the ones a first read of the taught phrasings takes
      const cut = bytes.length >> 1
      replies.enqueue(bytes.subarray(0, cut))
      replies.enqueue(bytes.subarray(cut))
      if (commands.some((args) => args[0]?.toLowerCase() === 'quit')) close()
    },
    close: async () => close(),
  }
  const writable = { getWriter: () => writer }
  return { readable, writable, opened: Promise.resolve(), close: async () => close() }
}

/** A client configured as the Worker's per-request one (same options and key prefix), talking to memory. */
export function inMemoryRedisClient(keyPrefix: string): Redis {
  return createRedisClient('redis://in-memory.invalid:6379', {
    perRequest: true,
    keyPrefix,
    log: () => {},
    Connector: workersSocketConnector(inMemorySocket),
  })
}
