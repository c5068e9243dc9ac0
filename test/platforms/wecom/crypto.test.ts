import { describe, expect, it } from 'vitest'
import {
  decryptWecom,
  encryptWecom,
  validateEncodingAesKey,
  verifyWecomSignature,
  wecomSignature,
} from '../../../src/platforms/wecom/crypto'
import { WV1, WV2, WV3, WV4, WV5, WV6 } from './vectors'

const enc = new TextEncoder()
const ascii = (s: string) => enc.encode(s)
const cipherBytes = (b64: string) => atob(b64).length

describe('WeCom signature', () => {
  it('matches WV1 (official doc) for the encrypted message', async () => {
    expect(await wecomSignature(WV1.token, WV1.timestamp, WV1.nonce, WV1.encrypt)).toBe(WV1.signature)
  })
  it('matches the URL-verification vectors WV2, WV4 and WV5 over echostr', async () => {
    expect(await wecomSignature(WV2.token, WV2.timestamp, WV2.nonce, WV2.echostr)).toBe(WV2.signature)
    expect(await wecomSignature(WV4.token, WV4.timestamp, WV4.nonce, WV4.echostr)).toBe(WV4.signature)
    expect(await wecomSignature(WV5.token, WV5.echo.timestamp, WV5.echo.nonce, WV5.echo.echostr)).toBe(WV5.echo.signature)
  })
  it('matches WV3 (official JSON sample)', async () => {
    expect(await wecomSignature(WV3.token, WV3.timestamp, WV3.nonce, WV3.encrypt)).toBe(WV3.signature)
  })
  it('accepts the right signature in upper case and rejects a changed one', async () => {
    expect(await verifyWecomSignature(WV1.token, WV1.timestamp, WV1.nonce, WV1.encrypt, WV1.signature.toUpperCase())).toBe(true)
    const wrong = WV1.signature.slice(0, -1) + (WV1.signature.endsWith('0') ? '1' : '0')
    expect(await verifyWecomSignature(WV1.token, WV1.timestamp, WV1.nonce, WV1.encrypt, wrong)).toBe(false)
    expect(await verifyWecomSignature(WV1.token, WV1.timestamp, '1', WV1.encrypt, WV1.signature)).toBe(false)
    expect(await verifyWecomSignature(WV1.token, WV1.timestamp, WV1.nonce, WV1.encrypt, '')).toBe(false)
  })
})

describe('WeCom decryption against published vectors', () => {
  it('decrypts WV1, whose padding byte is 30 (more than one AES block)', async () => {
    const r = await decryptWecom(WV1.key, WV1.encrypt, WV1.receiveId)
    expect(r).toEqual({ ok: true, message: WV1.message, receiveId: WV1.receiveId })
    const pad = cipherBytes(WV1.encrypt) - 20 - ascii(WV1.message).length - WV1.receiveId.length
    expect(pad).toBe(WV1.padByte)
  })
  it('decrypts the echostr of WV2, WV4 and WV5 to the expected reply', async () => {
    expect(await decryptWecom(WV2.key, WV2.echostr, WV2.receiveId)).toMatchObject({ ok: true, message: WV2.reply })
    expect(await decryptWecom(WV4.key, WV4.echostr, WV4.receiveId)).toMatchObject({ ok: true, message: WV4.reply })
    expect(await decryptWecom(WV5.key, WV5.echo.echostr, WV5.receiveId)).toMatchObject({ ok: true, message: WV5.echo.reply })
  })
  it('decrypts WV3 and reports its receive id', async () => {
    expect(await decryptWecom(WV3.key, WV3.encrypt)).toEqual({ ok: true, message: WV3.message, receiveId: WV3.receiveId })
  })
  it('skips the receive-id check when the expected id is "" (internal AI bot) but enforces a configured one', async () => {
    expect(await decryptWecom(WV1.key, WV1.encrypt, '')).toMatchObject({ ok: true, receiveId: WV1.receiveId })
    expect(await decryptWecom(WV1.key, WV1.encrypt, 'someone-else')).toEqual({ ok: false, error: 'receiveid-mismatch' })
  })
})

describe('WeCom encryption', () => {
  it('reproduces WV5 exactly with the fixed random prefix, ciphertext and signature', async () => {
    const s = WV5.seal
    const encrypt = await encryptWecom(WV5.key, s.message, WV5.receiveId, ascii(s.random))
    expect(encrypt).toBe(s.encrypt)
    expect(await wecomSignature(WV5.token, s.timestamp, s.nonce, encrypt)).toBe(s.signature)
  })
  it('reproduces the derived WV6 AI-bot round trip (receive id "")', async () => {
    const encrypt = await encryptWecom(WV6.key, WV6.message, '', ascii(WV6.random))
    expect(encrypt).toBe(WV6.encrypt)
    expect(await wecomSignature(WV6.token, WV6.timestamp, WV6.nonce, encrypt)).toBe(WV6.signature)
    expect(await decryptWecom(WV6.key, WV6.encrypt)).toEqual({ ok: true, message: WV6.message, receiveId: '' })
  })
  it('round-trips every padding length from 1 to 32 bytes', async () => {
    const pads = new Set<number>()
    for (let n = 0; n < 64; n++) {
      const msg = 'x'.repeat(n)
      const encrypt = await encryptWecom(WV4.key, msg, WV4.receiveId)
      const plainLen = 20 + n + WV4.receiveId.length
      pads.add(cipherBytes(encrypt) - plainLen)
      expect(cipherBytes(encrypt) % 32).toBe(0)
      expect(await decryptWecom(WV4.key, encrypt, WV4.receiveId)).toEqual({ ok: true, message: msg, receiveId: WV4.receiveId })
    }
    expect([...pads].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1))
  })
  it('round-trips unicode, emoji and long JSON', async () => {
    const samples = ['小红书爆款标题怎么写？', '🔥✨ emoji 标题 👍🏻', 'é\u0000\u2028', JSON.stringify({ text: '啊'.repeat(5000) })]
    for (const msg of samples) {
      const encrypt = await encryptWecom(WV5.key, msg)
      expect(await decryptWecom(WV5.key, encrypt)).toEqual({ ok: true, message: msg, receiveId: '' })
    }
  })
  it('uses a fresh random prefix each time', async () => {
    expect(await encryptWecom(WV5.key, 'same')).not.toBe(await encryptWecom(WV5.key, 'same'))
  })
})

describe('WeCom decryption of bad input', () => {
  it('returns typed errors instead of throwing', async () => {
    expect(await decryptWecom(WV1.key, 'not base64 !!!')).toEqual({ ok: false, error: 'bad-base64' })
    expect(await decryptWecom(WV1.key, '')).toEqual({ ok: false, error: 'bad-ciphertext' })
    expect(await decryptWecom(WV1.key, btoa('short'))).toEqual({ ok: false, error: 'bad-ciphertext' })
    expect(await decryptWecom('too-short', WV1.encrypt)).toEqual({ ok: false, error: 'bad-key' })
  })
  it('rejects ciphertext made with another key', async () => {
    const r = await decryptWecom(WV4.key, WV1.encrypt)
    expect(r.ok).toBe(false)
  })
  it('rejects random blocks without throwing', async () => {
    for (let i = 0; i < 50; i++) {
      const junk = crypto.getRandomValues(new Uint8Array(32 * (1 + (i % 4))))
      const r = await decryptWecom(WV1.key, btoa(String.fromCharCode(...junk)))
      expect(typeof r.ok).toBe('boolean')
    }
  })
})

describe('validateEncodingAesKey', () => {
  it('accepts a real 43-character key', () => {
    expect(validateEncodingAesKey(WV1.key)).toBeNull()
  })
  it('names the variable and the length it got', () => {
    expect(validateEncodingAesKey('abc')).toBe('WECOM_BOT_ENCODING_AES_KEY must be 43 characters (got 3)')
    expect(validateEncodingAesKey(WV1.key + '=')).toBe('WECOM_BOT_ENCODING_AES_KEY must be 43 characters (got 44)')
  })
  it('rejects non-base64 characters and stray whitespace', () => {
    expect(validateEncodingAesKey(WV1.key.slice(0, 42) + '-')).toMatch(/WECOM_BOT_ENCODING_AES_KEY may contain only base64.*"-"/)
    expect(validateEncodingAesKey(' ' + WV1.key)).toMatch(/whitespace/)
  })
})
