// The session cookie: its name, attributes, and reading it from a Cookie header.

export const SESSION_COOKIE = 'mesh_dojo_session'
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (!name || out.has(name)) continue
    try {
      out.set(name, decodeURIComponent(part.slice(eq + 1).trim()))
    } catch {
      // a malformed value is ignored, as browsers do
    }
  }
  return out
}

/** A value shaped like our tokens (base64url); anything else is never looked up. */
export function isSessionToken(value: string | undefined): value is string {
  return !!value && /^[A-Za-z0-9_-]{20,100}$/.test(value)
}

export function sessionTokenFrom(cookieHeader: string | null | undefined): string | null {
  const token = parseCookies(cookieHeader).get(SESSION_COOKIE)
  return isSessionToken(token) ? token : null
}

export function sessionCookie(token: string, opts: { secure: boolean; maxAgeMs?: number }): string {
  const maxAge = Math.floor((opts.maxAgeMs ?? SESSION_TTL_MS) / 1000)
  const attrs = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`]
  if (opts.secure) attrs.push('Secure')
  return attrs.join('; ')
}

export function clearedSessionCookie(opts: { secure: boolean }): string {
  return sessionCookie('', { ...opts, maxAgeMs: 0 })
}
