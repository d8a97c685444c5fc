import { describe, expect, it } from 'vitest'
import { ipInAnyBlock, ipInBlock, parseIp } from './cidr'
import { matchAny, matchAnyOf, matchPattern } from './string-match'

describe('matchPattern (Istio AuthorizationPolicy value matching)', () => {
  it('exact, prefix, suffix and presence as the reference lists them', () => {
    expect(matchPattern('abc', 'abc')).toBe(true)
    expect(matchPattern('abc', 'abcd')).toBe(false)
    expect(matchPattern('abc*', 'abcd')).toBe(true)
    expect(matchPattern('abc*', 'xabc')).toBe(false)
    expect(matchPattern('*abc', 'xabc')).toBe(true)
    expect(matchPattern('*abc', 'abcx')).toBe(false)
    expect(matchPattern('*', 'anything')).toBe(true)
  })

  it('presence needs a non-empty value, except for header matchers', () => {
    expect(matchPattern('*', '')).toBe(false)
    expect(matchPattern('*', '', { presenceAllowsEmpty: true })).toBe(true)
    expect(matchPattern('*', undefined, { presenceAllowsEmpty: true })).toBe(false)
  })

  it('is case-sensitive unless told otherwise (hosts are not)', () => {
    expect(matchPattern('GET', 'get')).toBe(false)
    expect(matchPattern('Example.COM', 'example.com', { ignoreCase: true })).toBe(true)
    expect(matchPattern('*.Example.com', 'www.example.COM', { ignoreCase: true })).toBe(true)
  })

  it('ORs the values of a field and of a list value', () => {
    expect(matchAny(['/a', '/b*'], '/bz')).toBe(true)
    expect(matchAny(['/a', '/b*'], '/c')).toBe(false)
    expect(matchAnyOf(['group1'], ['group2', 'group1'])).toBe(true)
    expect(matchAnyOf(['group3'], ['group2', 'group1'])).toBe(false)
  })
})

describe('ipInBlock (ipBlocks: single IP or CIDR)', () => {
  it('matches IPv4 addresses and ranges', () => {
    expect(ipInBlock('10.244.1.7', '10.244.0.0/16')).toBe(true)
    expect(ipInBlock('10.245.1.7', '10.244.0.0/16')).toBe(false)
    expect(ipInBlock('203.0.113.4', '203.0.113.4')).toBe(true)
    expect(ipInBlock('203.0.113.5', '203.0.113.4')).toBe(false)
    expect(ipInBlock('192.168.1.130', '192.168.1.128/25')).toBe(true)
    expect(ipInBlock('192.168.1.127', '192.168.1.128/25')).toBe(false)
  })

  it('matches IPv6 and never matches across families or on junk', () => {
    expect(ipInBlock('fd00::1', 'fd00::/8')).toBe(true)
    expect(ipInBlock('fe80::1', 'fd00::/8')).toBe(false)
    expect(ipInBlock('10.0.0.1', 'fd00::/8')).toBe(false)
    expect(ipInBlock('10.0.0.1', 'not-an-ip')).toBe(false)
    expect(ipInBlock('10.0.0.1', '10.0.0.0/33')).toBe(false)
    expect(ipInBlock(undefined, '0.0.0.0/0')).toBe(false)
    expect(parseIp('1.2.3')).toBeUndefined()
    expect(ipInAnyBlock('1.2.3.4', ['9.9.9.9', '1.2.0.0/16'])).toBe(true)
  })
})
