// Feishu event crypto (protocols.md §1), Web Crypto only so it runs on Workers and Node alike.
import { base64ToBytes, bytesToBase64, concat, timingSafeEqual, toHex } from '../bytes'
import { webCryptoBackend, type CryptoBackend } from '../crypto-backend'

export { timingSafeEqual }

const encoder = new TextEncoder()

/** hex(SHA256(timestamp + nonce + encryptKey ‖ raw body bytes)), over the exact bytes received. */
export async function feishuSignature(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: Uint8Array,
  backend: CryptoBackend = webCryptoBackend,
): Promise<string> {
  const digest = await backend.sha256(concat(encoder.encode(timestamp + nonce + encryptKey), rawBody))
  return toHex(digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer)
}

export async function verifyFeishuSignature(
  headers: Headers,
  encryptKey: string,
  rawBody: Uint8Array,
  backend: CryptoBackend = webCryptoBackend,
): Promise<boolean> {
  const timestamp = headers.get('x-lark-request-timestamp')
  const nonce = headers.get('x-lark-request-nonce')
  const signature = headers.get('x-lark-signature')
  if (!timestamp || !nonce || !signature) return false
  return timingSafeEqual(await feishuSignature(timestamp, nonce, encryptKey, rawBody, backend), signature.toLowerCase())
}

const keyCache = new Map<string, Promise<CryptoKey>>()
function aesKey(encryptKey: string): Promise<CryptoKey> {
  let key = keyCache.get(encryptKey)
  if (!key) {
    key = crypto.subtle
      .digest('SHA-256', encoder.encode(encryptKey))
      .then((raw) => crypto.subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt', 'decrypt']))
    keyCache.set(encryptKey, key)
  }
  return key
}

const derivedKeys = new Map<string, Uint8Array<ArrayBuffer>>()

/** base64(iv ‖ AES-256-CBC(SHA256(key), PKCS7)) → plaintext; null when it is not a valid ciphertext for this key. */
export async function decryptFeishu(encrypted: string, encryptKey: string, backend: CryptoBackend = webCryptoBackend): Promise<string | null> {
  try {
    const buf = base64ToBytes(encrypted)
    if (!buf || buf.length < 32 || buf.length % 16 !== 0) return null
    let key = derivedKeys.get(encryptKey)
    if (!key) {
      key = new Uint8Array(await backend.sha256(encoder.encode(encryptKey)))
      derivedKeys.set(encryptKey, key)
    }
    const plain = await backend.aes256CbcDecrypt(key, buf.slice(0, 16), buf.slice(16))
    return new TextDecoder('utf-8', { fatal: true }).decode(plain)
  } catch {
    return null
  }
}

/** The inverse of decryptFeishu, as Feishu does it: random IV, PKCS7. Used by tests and benchmarks to build real requests. */
export async function encryptFeishu(plaintext: string, encryptKey: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(16))
  const cipher = await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, await aesKey(encryptKey), encoder.encode(plaintext))
  return bytesToBase64(concat(iv, new Uint8Array(cipher)))
}
