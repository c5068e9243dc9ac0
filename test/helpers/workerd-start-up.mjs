// What workerd refuses while a Worker's global scope runs (no I/O, timers or abort timeouts, random values,
// request and response bodies, or a WritableStream; checked against wrangler 4.86's workerd), imitated in Node: the
// cold-start bench and the warm-up test hold code to it. Plain JavaScript, so that the bench's child process can
// import it as it is.

/**
 * Makes those operations throw until the returned function is called. The wrappers stay usable afterwards (code may
 * keep a reference to one), and the originals are put back.
 */
export function startUpRules() {
  let starting = true
  const undo = []
  const refuse = (what) => {
    throw new Error(`Disallowed operation called within global scope: ${what} (as in workerd)`)
  }
  const guard = (obj, key) => {
    const original = obj[key]
    obj[key] = function (...args) {
      if (starting) refuse(key)
      return original.apply(this, args)
    }
    undo.push(() => (obj[key] = original))
  }
  for (const name of ['fetch', 'setTimeout', 'setInterval', 'setImmediate']) guard(globalThis, name)
  guard(crypto, 'getRandomValues')
  guard(crypto, 'randomUUID')
  guard(AbortSignal, 'timeout')
  guard(AbortSignal, 'any')
  const NodeRequest = globalThis.Request
  const NodeResponse = globalThis.Response
  globalThis.Request = class Request extends NodeRequest {
    constructor(input, init) {
      if (starting && init?.body != null) refuse('a request body')
      super(input, init)
    }
  }
  globalThis.Response = class Response extends NodeResponse {
    constructor(body, init) {
      if (starting && body != null) refuse('a response body')
      super(body, init)
    }
  }
  // a WritableStream too (a ReadableStream is allowed, and reading one)
  const NodeWritableStream = globalThis.WritableStream
  globalThis.WritableStream = class WritableStream extends NodeWritableStream {
    constructor(...args) {
      if (starting) refuse('a WritableStream')
      super(...args)
    }
  }
  undo.push(() => Object.assign(globalThis, { Request: NodeRequest, Response: NodeResponse, WritableStream: NodeWritableStream }))
  return () => {
    starting = false
    undo.reverse().forEach((f) => f())
  }
}
