// Sign-in and sign-up throttles: failures per (address, email) and per address.
import { ApiError } from '@/lib/api/api-error'
import { SlidingWindowLimiter } from './rate-limit'

const WINDOW_MS = 15 * 60 * 1000
export const SIGN_IN_FAILURES_PER_ACCOUNT = 10
export const SIGN_IN_FAILURES_PER_ADDRESS = 50
export const SIGN_UPS_PER_ADDRESS = 20

const KEY = Symbol.for('mesh-dojo.sign-in-limits')
type Limits = { account: SlidingWindowLimiter; address: SlidingWindowLimiter; signUp: SlidingWindowLimiter }
type WithLimits = typeof globalThis & { [KEY]?: Limits }

function limits(): Limits {
  return ((globalThis as WithLimits)[KEY] ??= {
    account: new SlidingWindowLimiter({ limit: SIGN_IN_FAILURES_PER_ACCOUNT, windowMs: WINDOW_MS }),
    address: new SlidingWindowLimiter({ limit: SIGN_IN_FAILURES_PER_ADDRESS, windowMs: WINDOW_MS }),
    signUp: new SlidingWindowLimiter({ limit: SIGN_UPS_PER_ADDRESS, windowMs: 60 * 60 * 1000 }),
  })
}

function refuse(waitMs: number, what: string): never {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  const minutes = Math.ceil(seconds / 60)
  throw new ApiError('rate_limited', `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, {
    'retry-after': String(seconds),
  })
}

export function assertSignInAllowed(ip: string, email: string): void {
  const l = limits()
  const wait = Math.max(l.account.retryAfterMs(`${ip}|${email}`), l.address.retryAfterMs(ip))
  if (wait > 0) refuse(wait, 'sign-in attempts')
}

export function recordSignInFailure(ip: string, email: string): void {
  limits().account.record(`${ip}|${email}`)
  limits().address.record(ip)
}

export function recordSignInSuccess(ip: string, email: string): void {
  limits().account.reset(`${ip}|${email}`)
}

export function assertSignUpAllowed(ip: string): void {
  const wait = limits().signUp.retryAfterMs(ip)
  if (wait > 0) refuse(wait, 'new accounts from this address')
  limits().signUp.record(ip)
}
