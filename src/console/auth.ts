// The console's credentials: the CONSOLE_TOKEN itself (sign-in form, `Authorization: Bearer`) and the session
// cookie it buys, which is an expiry plus a random nonce under an HMAC keyed by the token — never the token itself.
// Web Crypto only, so the same code runs on Node and Workers.

const encoder = new TextEncoder()

export const SESSION_COOKIE = 'xhs_console'
export const SESSION_TTL_SECONDS = 12 * 3600
const SESSION_VERSION = 'v1'

function base64url(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4))
    const bytes = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
    return bytes
  } catch {
    return null
  }
}

/**
 * Whether a presented token equals the configured one, in time that does not depend on where they differ:
 * both sides are hashed to 32 bytes first (so their lengths leak nothing), then every byte is compared.
 */
export async function tokensEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([given, expected].map((t) => crypto.subtle.digest('SHA-256', encoder.encode(t))))
  const x = new Uint8Array(a!)
  const y = new Uint8Array(b!)
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!
  return diff === 0
}

/** The token presented as `Authorization: Bearer <token>`, or null when the header is absent or another scheme. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return m ? m[1]! : null
}

export interface SessionCodec {
  /** A fresh cookie value valid for SESSION_TTL_SECONDS from `now`. */
  issue(now: Date): Promise<string>
  /** True when the value was issued by this token's codec and has not expired. */
  verify(value: string | undefined, now: Date): Promise<boolean>
}

/** Sessions signed with the token: rotating CONSOLE_TOKEN signs everyone out. */
export function sessionCodec(token: string): SessionCodec {
  const key = crypto.subtle.importKey('raw', encoder.encode(`console-session:${token}`), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
  return {
    async issue(now) {
      const expires = Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS
      const nonce = base64url(crypto.getRandomValues(new Uint8Array(16)))
      const payload = `${SESSION_VERSION}.${expires}.${nonce}`
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(payload)))
      return `${payload}.${base64url(mac)}`
    },
    async verify(value, now) {
      const parts = (value ?? '').split('.')
      if (parts.length !== 4 || parts[0] !== SESSION_VERSION || !/^\d{1,12}$/.test(parts[1]!)) return false
      const mac = fromBase64url(parts[3]!)
      if (!mac || mac.length !== 32) return false
      // crypto.subtle.verify compares the MAC in constant time.
      const ok = await crypto.subtle.verify('HMAC', await key, mac, encoder.encode(parts.slice(0, 3).join('.')))
      return ok && Number(parts[1]) > now.getTime() / 1000
    },
  }
}
