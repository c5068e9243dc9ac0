// The tenant access token: fetched once and shared by every call until shortly before it expires.

/** Feishu's documented token lifetime, used when an answer does not say (or says nonsense). */
const DEFAULT_EXPIRE_SECONDS = 7200
/** Dropped this long before it expires (as the Lark SDK's token manager does)... */
const EXPIRY_MARGIN_MS = 3 * 60 * 1000
/** ...but kept at least this long, so a short `expire` does not mean a token request per call. */
const MIN_KEEP_MS = 60 * 1000
/**
 * A refusal (wrong app secret, app disabled) is remembered this long, so a misconfigured bot does not ask for a token
 * on every message and reply; a fixed secret means a redeploy, which starts with an empty cache anyway.
 */
export const REFUSAL_KEEP_MS = 60 * 1000

/** The token endpoint answered with a non-zero code (wrong app id or secret, app disabled): asking again will not help. */
export class TokenRefusedError extends Error {
  constructor(readonly code: number, msg: string) {
    super(`tenant_access_token refused: ${msg}`)
    this.name = 'TokenRefusedError'
  }
}

/** How long to keep a token whose answer said `expire` (seconds, possibly missing or malformed). */
export function keepTokenMs(expire: unknown): number {
  const seconds = Number(expire)
  const expireMs = (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_EXPIRE_SECONDS) * 1000
  return Math.max(expireMs - EXPIRY_MARGIN_MS, MIN_KEEP_MS)
}

/** `promise`, or a rejection with the signal's reason as soon as `signal` aborts (the promise itself runs on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (err) => {
        signal.removeEventListener('abort', onAbort)
        reject(err)
      },
    )
  })
}

/**
 * One token request at a time, shared by every caller; a caller's abort ends its own wait, not the request.
 * A failure that `isFinal` says asking again will not fix is answered from memory for REFUSAL_KEEP_MS.
 */
export class TokenCache {
  private token: { value: string; until: number } | null = null
  private refusal: { error: unknown; until: number } | null = null
  private pending: Promise<string> | null = null
  constructor(
    private readonly fetchToken: () => Promise<{ token: string; expire: unknown }>,
    private readonly isFinal: (err: unknown) => boolean = () => false,
  ) {}
  get(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.until > Date.now()) return Promise.resolve(this.token.value)
    if (this.refusal && this.refusal.until > Date.now()) return Promise.reject(this.refusal.error)
    this.pending ??= this.fetchToken()
      .then(({ token, expire }) => {
        this.token = { value: token, until: Date.now() + keepTokenMs(expire) }
        this.refusal = null
        return token
      })
      .catch((err: unknown) => {
        if (this.isFinal(err)) this.refusal = { error: err, until: Date.now() + REFUSAL_KEEP_MS }
        throw err
      })
      .finally(() => {
        this.pending = null
      })
    return signal ? untilAborted(this.pending, signal) : this.pending
  }
  clear() {
    this.token = null
  }
}
