// Flask's signed session cookie, as productpage's /login sets it and /productpage reads it.
//
// Flask's SecureCookieSessionInterface (itsdangerous URLSafeTimedSerializer):
// compact JSON, base64url without padding, a "." and the big-endian Unix
// timestamp, then an HMAC-SHA1 signature keyed by HMAC(secret_key, "cookie-session").
// productpage's secret key is the fixed one in its source, so cookies from one
// productpage pod are valid on every other, as in a real cluster.

import { createHmac } from 'node:crypto'

/** productpage.py's app.secret_key (bytes b'_5#y2L"F4Q8z\n\xec]/'). */
const PRODUCTPAGE_SECRET = Buffer.from([0x5f, 0x35, 0x23, 0x79, 0x32, 0x4c, 0x22, 0x46, 0x34, 0x51, 0x38, 0x7a, 0x0a, 0xec, 0x5d, 0x2f])
const SALT = 'cookie-session'
/** Longest cookie value we try to verify; Flask's own limit is the 4093-byte cookie warning. */
export const MAX_SESSION_COOKIE_CHARS = 4093

const b64url = (buf: Buffer) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

let derived: Buffer | undefined

/** itsdangerous' "hmac" key derivation; the same for every request, so computed once. */
function derivedKey(): Buffer {
  derived ??= createHmac('sha1', PRODUCTPAGE_SECRET).update(SALT).digest()
  return derived
}

function sign(value: string): string {
  return b64url(createHmac('sha1', derivedKey()).update(value).digest())
}

function timestampPart(nowMs: number): string {
  let t = Math.floor(nowMs / 1000)
  const bytes: number[] = []
  while (t > 0) {
    bytes.unshift(t & 0xff)
    t = Math.floor(t / 256)
  }
  return b64url(Buffer.from(bytes))
}

/** The cookie value for a session holding these keys (productpage stores only `user`). */
export function encodeSession(data: Record<string, string | null>, nowMs: number): string {
  const payload = b64url(Buffer.from(JSON.stringify(data), 'utf8'))
  const value = `${payload}.${timestampPart(nowMs)}`
  return `${value}.${sign(value)}`
}

/** The session's data when the signature checks out; an empty session otherwise (Flask ignores a bad cookie). */
export function decodeSession(cookie: string | undefined): Record<string, string> {
  if (!cookie || cookie.length > MAX_SESSION_COOKIE_CHARS) return {}
  const lastDot = cookie.lastIndexOf('.')
  if (lastDot < 0) return {}
  const value = cookie.slice(0, lastDot)
  if (sign(value) !== cookie.slice(lastDot + 1)) return {}
  const payload = value.split('.')[0]!
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    if (parsed === null || typeof parsed !== 'object') return {}
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<string, string>
  } catch {
    return {}
  }
}

/** Werkzeug's Set-Cookie for the session: `session=...; HttpOnly; Path=/`. */
export function sessionSetCookie(value: string): string {
  return `session=${value}; HttpOnly; Path=/`
}

/** What Flask sends when a session becomes empty (logout): the cookie deleted. */
export function sessionDeleteCookie(): string {
  return 'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/'
}
