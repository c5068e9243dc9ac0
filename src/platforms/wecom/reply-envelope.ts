import { encryptWecom, wecomSignature } from './crypto'

/**
 * The encrypted passive reply WeCom expects in the HTTP response (protocols.md §8):
 * {encrypt, msgsignature, timestamp, nonce} with the callback URL's nonce. The doc shows timestamp as a number.
 */
export async function sealPassiveReply(
  token: string,
  encodingAesKey: string,
  payload: unknown,
  nonce: string,
  now: () => number = Date.now,
): Promise<{ encrypt: string; msgsignature: string; timestamp: number; nonce: string }> {
  const encrypt = await encryptWecom(encodingAesKey, JSON.stringify(payload), '')
  const timestamp = Math.floor(now() / 1000)
  const msgsignature = await wecomSignature(token, String(timestamp), nonce, encrypt)
  return { encrypt, msgsignature, timestamp, nonce }
}
