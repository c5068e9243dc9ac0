// WXBizMsgCrypt for WeCom callbacks (protocols.md §8 "Crypto"), Web Crypto only so it runs on Workers and Node.
// WeCom pads with PKCS#7 to a multiple of 32 bytes; Web Crypto's AES-CBC only knows 16-byte PKCS#7, so the
// padding is handled by hand in both directions (see encryptBlocks / decryptBlocks).

import { base64ToBytes, bytesToBase64, concat, timingSafeEqual, toHex } from '../bytes'

export { timingSafeEqual }

const encoder = new TextEncoder()
const utf8 = new TextDecoder('utf-8', { fatal: true })
const BLOCK = 16
const WECOM_PAD = 32

export type WecomCryptoError =
  | 'bad-key'
  | 'bad-base64'
  | 'bad-ciphertext'
  | 'bad-padding'
  | 'bad-length'
  | 'bad-utf8'
  | 'receiveid-mismatch'

export type DecryptResult =
  | { ok: true; message: string; receiveId: string }
  | { ok: false; error: WecomCryptoError }

/** Why a WECOM_BOT_ENCODING_AES_KEY value is unusable, or null when it is fine. */
export function validateEncodingAesKey(k: string): string | null {
  const name = 'WECOM_BOT_ENCODING_AES_KEY'
  if (k.trim() !== k) return `${name} has leading or trailing whitespace`
  if (k.length !== 43) return `${name} must be 43 characters (got ${k.length})`
  const bad = /[^A-Za-z0-9+/]/.exec(k)
  if (bad) return `${name} may contain only base64 characters A-Z a-z 0-9 + / (found "${bad[0]}")`
  return null
}

/** msg_signature = hex(SHA1(sorted [token, timestamp, nonce, encrypt] joined)). */
export async function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): Promise<string> {
  // Byte order and UTF-16 order agree for the ASCII values WeCom sends.
  const joined = [token, timestamp, nonce, encrypt].sort().join('')
  return toHex(await crypto.subtle.digest('SHA-1', encoder.encode(joined)))
}

export async function verifyWecomSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string,
): Promise<boolean> {
  return timingSafeEqual(await wecomSignature(token, timestamp, nonce, encrypt), signature.toLowerCase())
}

interface AesKey {
  key: CryptoKey
  iv: Uint8Array<ArrayBuffer>
}

const keyCache = new Map<string, Promise<AesKey | null>>()

function aesKey(encodingAesKey: string): Promise<AesKey | null> {
  let cached = keyCache.get(encodingAesKey)
  if (!cached) {
    const raw = validateEncodingAesKey(encodingAesKey) === null ? base64ToBytes(encodingAesKey + '=') : null
    cached =
      raw && raw.length === 32
        ? crypto.subtle
            .importKey('raw', raw, 'AES-CBC', false, ['encrypt', 'decrypt'])
            .then((key) => ({ key, iv: raw.slice(0, BLOCK) }))
        : Promise.resolve(null)
    keyCache.set(encodingAesKey, cached)
  }
  return cached
}

/** AES-CBC over data whose length is already a multiple of 16, with no padding added. */
async function encryptBlocks(k: AesKey, data: Uint8Array<ArrayBuffer>, iv = k.iv): Promise<Uint8Array<ArrayBuffer>> {
  // Web Crypto always appends one 16-byte PKCS#7 block to block-aligned input; drop it.
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, k.key, data))
  return out.slice(0, data.length)
}

/** AES-CBC decryption that keeps the plaintext's own padding. */
async function decryptBlocks(k: AesKey, cipher: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  // Web Crypto insists the last block ends in valid 16-byte PKCS#7, which WeCom's 32-byte padding need not.
  // So append a synthetic block that decrypts to sixteen 0x10 bytes (E(lastCipherBlock XOR 0x10…)); Web Crypto
  // strips exactly that block and hands back the real plaintext untouched.
  const last = cipher.slice(cipher.length - BLOCK)
  const synthetic = await encryptBlocks(k, new Uint8Array(BLOCK).fill(BLOCK), last)
  const out = await crypto.subtle.decrypt({ name: 'AES-CBC', iv: k.iv }, k.key, concat(cipher, synthetic))
  return new Uint8Array(out)
}

export function randomPrefix(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16))
}

/**
 * Encrypts msg as WeCom does: base64(AES(random16 ‖ len32be ‖ msg ‖ receiveId ‖ pad32)).
 * `random` is injectable only so tests can reproduce published vectors; leave it out in production.
 */
export async function encryptWecom(
  encodingAesKey: string,
  msg: string,
  receiveId = '',
  random: Uint8Array = randomPrefix(),
): Promise<string> {
  const k = await aesKey(encodingAesKey)
  if (!k) throw new Error(validateEncodingAesKey(encodingAesKey) ?? 'WECOM_BOT_ENCODING_AES_KEY is invalid')
  if (random.length !== 16) throw new Error('random prefix must be 16 bytes')
  const body = encoder.encode(msg)
  const len = new Uint8Array(4)
  new DataView(len.buffer).setUint32(0, body.length, false)
  const unpadded = concat(random, len, body, encoder.encode(receiveId))
  const pad = WECOM_PAD - (unpadded.length % WECOM_PAD)
  const plain = concat(unpadded, new Uint8Array(pad).fill(pad))
  return bytesToBase64(await encryptBlocks(k, plain))
}

/**
 * Decrypts a WeCom `encrypt` / `echostr` value. Never throws: bad input from the network is a typed error.
 * With expectedReceiveId "" (internal AI bot) the receive id is not checked, as in the official JSON library.
 */
export async function decryptWecom(encodingAesKey: string, encrypt: string, expectedReceiveId = ''): Promise<DecryptResult> {
  const k = await aesKey(encodingAesKey)
  if (!k) return { ok: false, error: 'bad-key' }
  const cipher = base64ToBytes(encrypt)
  if (!cipher) return { ok: false, error: 'bad-base64' }
  if (cipher.length === 0 || cipher.length % BLOCK !== 0) return { ok: false, error: 'bad-ciphertext' }
  let plain: Uint8Array
  try {
    plain = await decryptBlocks(k, cipher)
  } catch {
    return { ok: false, error: 'bad-ciphertext' }
  }
  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > WECOM_PAD || pad > plain.length) return { ok: false, error: 'bad-padding' }
  const content = plain.subarray(0, plain.length - pad)
  if (content.length < 20) return { ok: false, error: 'bad-length' }
  const msgLen = new DataView(content.buffer, content.byteOffset + 16, 4).getUint32(0, false)
  if (msgLen > content.length - 20) return { ok: false, error: 'bad-length' }
  let message: string
  let receiveId: string
  try {
    message = utf8.decode(content.subarray(20, 20 + msgLen))
    receiveId = utf8.decode(content.subarray(20 + msgLen))
  } catch {
    return { ok: false, error: 'bad-utf8' }
  }
  if (expectedReceiveId !== '' && !timingSafeEqual(receiveId, expectedReceiveId)) {
    return { ok: false, error: 'receiveid-mismatch' }
  }
  return { ok: true, message, receiveId }
}
