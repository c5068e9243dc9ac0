import { toHex } from './bytes'

/**
 * The two primitives the webhooks need on every request. Web Crypto is the portable default (Workers);
 * the Node entry passes node:crypto instead, because Node 20's crypto.subtle costs ~40 µs a call in
 * argument normalisation and thread-pool hops, the largest share of a webhook request there.
 */
export interface CryptoBackend {
  sha256(data: Uint8Array<ArrayBuffer>): Uint8Array | Promise<Uint8Array>
  /** AES-256-CBC with 16-byte PKCS#7 unpadding; throws when the key or padding is wrong. */
  aes256CbcDecrypt(key: Uint8Array<ArrayBuffer>, iv: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Uint8Array | Promise<Uint8Array>
}

const keys = new Map<string, Promise<CryptoKey>>()

export const webCryptoBackend: CryptoBackend = {
  async sha256(data) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', data))
  },
  async aes256CbcDecrypt(key, iv, data) {
    const id = toHex(key.buffer)
    let k = keys.get(id)
    if (!k) {
      k = crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt'])
      keys.set(id, k)
    }
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, await k, data))
  },
}
