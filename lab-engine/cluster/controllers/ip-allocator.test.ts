// Tests for the IP and port allocators.
import { describe, expect, it } from 'vitest'
import { Rng } from '../../core/rng'
import { IpAllocator, RangeAllocator, intToIp, ipToInt } from './ip-allocator'

describe('ip conversion', () => {
  it('round-trips dotted addresses', () => {
    for (const ip of ['0.0.0.0', '10.96.0.1', '172.18.255.250', '255.255.255.255']) expect(intToIp(ipToInt(ip))).toBe(ip)
  })
})

describe('RangeAllocator', () => {
  it('hands out every number once, then nothing', () => {
    const a = new RangeAllocator(1, 50, Rng.seeded(3))
    const got = Array.from({ length: 50 }, () => a.allocate())
    expect(new Set(got).size).toBe(50)
    expect(got.every((n) => n! >= 1 && n! <= 50)).toBe(true)
    expect(a.allocate()).toBeUndefined()
    a.release(7)
    expect(a.allocate()).toBe(7)
  })

  it('skips reserved numbers and hands out in order without an Rng', () => {
    const a = new RangeAllocator(10, 12, undefined)
    a.reserve(10)
    expect([a.allocate(), a.allocate(), a.allocate()]).toEqual([11, 12, undefined])
  })
})

describe('IpAllocator', () => {
  it('is deterministic for a seed', () => {
    const run = () => { const a = new IpAllocator('10.244.0.2', '10.244.255.254', Rng.seeded(9)); return [a.allocate(), a.allocate()] }
    expect(run()).toEqual(run())
  })

  it('never hands out a reserved address', () => {
    const a = new IpAllocator('172.18.255.200', '172.18.255.202')
    a.reserve('172.18.255.200')
    expect([a.allocate(), a.allocate(), a.allocate()]).toEqual(['172.18.255.201', '172.18.255.202', undefined])
  })
})
