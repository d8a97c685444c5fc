// Tests for the seeded Rng: determinism, ranges, snapshots and forks.
import { describe, expect, it } from 'vitest'
import { Rng } from './rng'

const draw = (rng: Rng, n = 8) => Array.from({ length: n }, () => rng.nextUint32())

describe('Rng', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    expect(draw(Rng.seeded(42))).toEqual(draw(Rng.seeded(42)))
    expect(draw(Rng.seeded(42))).not.toEqual(draw(Rng.seeded(43)))
    expect(draw(Rng.seeded('session-a'))).toEqual(draw(Rng.seeded('session-a')))
  })

  it('continues the same sequence after snapshot and restore through JSON', () => {
    const rng = Rng.seeded(7)
    draw(rng, 5)
    const copy = Rng.fromState(JSON.parse(JSON.stringify(rng.snapshot())))
    expect(draw(copy, 20)).toEqual(draw(rng, 20))
  })

  it('keeps next() in [0, 1) and int(n) in [0, n)', () => {
    const rng = Rng.seeded(1)
    for (let i = 0; i < 2000; i++) {
      const x = rng.next()
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
      const k = rng.int(7)
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true)
    }
  })

  it('covers every bucket of int(n) roughly evenly', () => {
    const rng = Rng.seeded(3)
    const counts = new Array(10).fill(0)
    for (let i = 0; i < 10_000; i++) counts[rng.int(10)]++
    for (const c of counts) expect(c).toBeGreaterThan(850)
  })

  it('rejects bad bounds and empty picks', () => {
    const rng = Rng.seeded(1)
    expect(() => rng.int(0)).toThrow(RangeError)
    expect(() => rng.int(1.5)).toThrow(RangeError)
    expect(() => rng.pick([])).toThrow(RangeError)
  })

  it('picks from the list and makes hex ids and v4 uuids', () => {
    const rng = Rng.seeded(9)
    expect(['a', 'b', 'c']).toContain(rng.pick(['a', 'b', 'c']))
    expect(rng.hex(10)).toMatch(/^[0-9a-f]{10}$/)
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('forks deterministically into an independent stream', () => {
    const a = Rng.seeded(5)
    const b = Rng.seeded(5)
    const fa = a.fork()
    const fb = b.fork()
    expect(draw(fa)).toEqual(draw(fb))
    expect(draw(a)).toEqual(draw(b))
    expect(draw(Rng.seeded(5).fork())).not.toEqual(draw(Rng.seeded(5)))
  })

  it('uuid() makes the same ids and leaves the same state as hex(32) with the version and variant set (the former code)', () => {
    const former = (rng: Rng): string => {
      const h = rng.hex(32).split('')
      h[12] = '4'
      h[16] = '0123456789abcdef'[8 + rng.int(4)]!
      const s = h.join('')
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
    }
    const a = Rng.seeded('uuid')
    const b = Rng.seeded('uuid')
    const ids = Array.from({ length: 500 }, () => a.uuid())
    expect(ids).toEqual(Array.from({ length: 500 }, () => former(b)))
    expect(new Set(ids).size).toBe(500)
    expect(a.snapshot()).toEqual(b.snapshot())
  })
})
