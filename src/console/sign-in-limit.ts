// Failed console sign-ins (wrong token in the form or in a Bearer header), counted per client address in the
// store (src/store/keys.ts) so every instance sees the same count. The token is ≥ 16 characters, so guessing is
// hopeless anyway; this keeps a scripted guesser from even trying at speed.
import { countFailedSignIn, failedSignIns, SIGN_IN_WINDOW_SECONDS } from '../store/keys'
import type { Store } from '../store/store'

export { SIGN_IN_WINDOW_SECONDS }
export const MAX_FAILED_SIGN_INS = 10

function secondsLeft(now: Date): number {
  const t = Math.floor(now.getTime() / 1000)
  return SIGN_IN_WINDOW_SECONDS - (t % SIGN_IN_WINDOW_SECONDS)
}

/** Seconds until this address may try again, or null when it may try now. */
export async function signInBlockedFor(store: Store, address: string, now: Date): Promise<number | null> {
  return (await failedSignIns(store, address, now)) >= MAX_FAILED_SIGN_INS ? secondsLeft(now) : null
}

export function recordFailedSignIn(store: Store, address: string, now: Date): Promise<void> {
  return countFailedSignIn(store, address, now)
}
