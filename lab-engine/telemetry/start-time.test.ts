import { describe, expect, it } from 'vitest'
import { Rng } from '../core/rng'
import { envoyStartTime } from './access-log'

describe('envoyStartTime', () => {
  it('writes what toISOString writes, in and out of the per-second fast path', () => {
    const rng = Rng.seeded('start-time')
    const instants = [0, 12.7, 59_999.99, Date.UTC(2026, 0, 1) + 0.5, 253_402_300_799_999, 253_402_300_800_000, -5]
    for (let i = 0; i < 2000; i++) instants.push(Date.UTC(2026, 0, 1) + rng.next() * 3_600_000)
    for (const ms of instants) expect(envoyStartTime(ms)).toBe(new Date(ms).toISOString())
  })
})
