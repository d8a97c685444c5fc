import { describe, expect, it } from 'vitest'
import { SESSION_COOKIE, clearedSessionCookie, parseCookies, sessionCookie, sessionTokenFrom } from './cookies'

describe('session cookie', () => {
  const token = 'abcdefghijklmnopqrstuvwxyz012345678901234'

  it('is HttpOnly, SameSite=Lax, and Secure only when asked', () => {
    const plain = sessionCookie(token, { secure: false })
    expect(plain).toContain(`${SESSION_COOKIE}=${token}`)
    expect(plain).toContain('HttpOnly')
    expect(plain).toContain('SameSite=Lax')
    expect(plain).not.toContain('Secure')
    expect(sessionCookie(token, { secure: true })).toContain('Secure')
    expect(clearedSessionCookie({ secure: false })).toContain('Max-Age=0')
  })

  it('reads the token from a Cookie header and ignores junk', () => {
    expect(sessionTokenFrom(`a=1; ${SESSION_COOKIE}=${token}; b=2`)).toBe(token)
    expect(sessionTokenFrom(`${SESSION_COOKIE}=short`)).toBeNull()
    expect(sessionTokenFrom(`${SESSION_COOKIE}=${token}';drop table`)).toBeNull()
    expect(sessionTokenFrom(null)).toBeNull()
    expect(parseCookies('x=%E0%A4%A; y=2').get('y')).toBe('2')
  })
})
