import { describe, expect, it } from 'vitest'
import { Rng } from '../../core/rng'
import { isoTime } from './http-util'

describe('isoTime', () => {
  it('writes what toISOString writes, fractional and edge instants included', () => {
    const rng = Rng.seeded('iso')
    const instants = [0, 0.9, 999.5, 1000, Date.UTC(2026, 0, 1) + 0.25, Date.UTC(2026, 0, 1, 0, 0, 59, 999), 253_402_300_799_999, 253_402_300_800_000, -1]
    for (let i = 0; i < 2000; i++) instants.push(Date.UTC(2026, 0, 1) + rng.next() * 86_400_000)
    for (const ms of instants) expect(isoTime(ms)).toBe(new Date(ms).toISOString())
  })
})
