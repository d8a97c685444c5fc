import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeSession, encodeSession } from './flask-session'

const T = Date.UTC(2026, 0, 1)

describe('Flask session cookie', () => {
  it('round-trips the user and carries the timestamp as big-endian seconds', () => {
    const cookie = encodeSession({ user: 'jason' }, T)
    const [payload, ts, sig] = cookie.split('.')
    expect(payload).toBe(Buffer.from('{"user":"jason"}').toString('base64url'))
    expect(Buffer.from(ts!, 'base64url').readUInt32BE(0)).toBe(T / 1000)
    expect(sig).toMatch(/^[\w-]{27}$/)
    expect(decodeSession(cookie)).toEqual({ user: 'jason' })
  })

  it("signs with itsdangerous' HMAC key derivation over productpage's secret key", () => {
    const secret = Buffer.concat([Buffer.from('_5#y2L"F4Q8z\n', 'latin1'), Buffer.from([0xec]), Buffer.from(']/')])
    const key = createHmac('sha1', secret).update('cookie-session').digest()
    const cookie = encodeSession({ user: 'a' }, T)
    const value = cookie.slice(0, cookie.lastIndexOf('.'))
    expect(cookie.slice(cookie.lastIndexOf('.') + 1)).toBe(createHmac('sha1', key).update(value).digest('base64url'))
  })

  it('treats a changed payload or signature as an empty session', () => {
    const cookie = encodeSession({ user: 'jason' }, T)
    const forged = Buffer.from('{"user":"admin"}').toString('base64url') + cookie.slice(cookie.indexOf('.'))
    expect(decodeSession(forged)).toEqual({})
    expect(decodeSession(cookie.slice(0, -2) + 'xx')).toEqual({})
    expect(decodeSession(undefined)).toEqual({})
    expect(decodeSession('x'.repeat(5000))).toEqual({})
  })
})
