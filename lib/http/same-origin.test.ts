import { describe, expect, it } from 'vitest'
import { isSameOrigin } from './same-origin'

describe('isSameOrigin', () => {
  it.each([
    [{ origin: 'http://localhost:3000', host: 'localhost:3000' }, true],
    [{ origin: 'https://dojo.example', host: 'dojo.example' }, true],
    [{ origin: 'http://evil.example', host: 'localhost:3000' }, false],
    [{ origin: 'http://localhost:3001', host: 'localhost:3000' }, false],
    [{ origin: 'null', host: 'localhost:3000' }, false],
    [{ origin: 'not a url', host: 'localhost:3000' }, false],
    [{ origin: null, host: 'localhost:3000', secFetchSite: 'same-origin' }, true],
    [{ origin: null, host: 'localhost:3000', secFetchSite: 'cross-site' }, false],
    [{ origin: null, host: 'localhost:3000' }, false],
  ])('%o -> %s', (headers, expected) => {
    expect(isSameOrigin(headers, [])).toBe(expected)
  })

  it('accepts configured extra origins (a proxy in front)', () => {
    expect(isSameOrigin({ origin: 'https://dojo.example', host: 'app:3000' }, ['https://dojo.example'])).toBe(true)
  })
})
