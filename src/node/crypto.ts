// Node-only: the webhook crypto primitives on node:crypto (see CryptoBackend for why).
import { createDecipheriv, createHash } from 'node:crypto'
import type { CryptoBackend } from '../platforms/crypto-backend'

export const nodeCryptoBackend: CryptoBackend = {
  sha256: (data) => createHash('sha256').update(data).digest(),
  aes256CbcDecrypt: (key, iv, data) => {
    const decipher = createDecipheriv('aes-256-cbc', key, iv)
    return Buffer.concat([decipher.update(data), decipher.final()])
  },
}
