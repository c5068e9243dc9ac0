// The event methods of a net.Socket that ioredis calls (on, once, prependListener, removeListener), for the stand-in
// socket ioredis is handed as its Connector's stream (workers-socket.ts).

type Listener = (...args: unknown[]) => void

// ioredis's decoder slices the chunks it is given and decodes them with Buffer's toString; Buffer is a global in
// Node and in workerd with nodejs_compat, which ioredis needs anyway.
const NodeBuffer = (globalThis as unknown as { Buffer: { from(bytes: ArrayBufferLike, offset: number, length: number): Uint8Array } }).Buffer

/** The bytes as a Buffer over the same memory, as a socket's 'data' event gives them. */
export const asBuffer = (bytes: Uint8Array): Uint8Array => NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export class SocketEvents {
  private readonly listeners = new Map<string, Listener[]>()

  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
    return this
  }
  prependListener(event: string, fn: Listener): this {
    this.listeners.set(event, [fn, ...(this.listeners.get(event) ?? [])])
    return this
  }
  once(event: string, fn: Listener): this {
    const wrapper: Listener = (...args) => {
      this.removeListener(event, wrapper)
      fn(...args)
    }
    return this.on(event, wrapper)
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== fn))
    return this
  }
  removeAllListeners(event?: string): this {
    if (event === undefined) this.listeners.clear()
    else this.listeners.delete(event)
    return this
  }
  protected emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) fn(...args)
  }
}
