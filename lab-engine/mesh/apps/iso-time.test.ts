import { describe, expect, it } from 'vitest'
import { Rng } from '../../core/rng'
import { clfDate, httpDate, isoTime } from './http-util'

describe('isoTime', () => {
  it('writes what toISOString writes, fractional and edge instants included', () => {
    const rng = Rng.seeded('iso')
    const instants = [0, 0.9, 999.5, 1000, Date.UTC(2026, 0, 1) + 0.25, Date.UTC(2026, 0, 1, 0, 0, 59, 999), 253_402_300_799_999, 253_402_300_800_000, -1]
    for (let i = 0; i < 2000; i++) instants.push(Date.UTC(2026, 0, 1) + rng.next() * 86_400_000)
    for (const ms of instants) expect(isoTime(ms)).toBe(new Date(ms).toISOString())
  })
})

describe('per-second date texts', () => {
  it('httpDate and clfDate match a fresh formatting for every instant, across second boundaries', () => {
    const fresh = (ms: number) => {
      const d = new Date(ms)
      const pad2 = (n: number) => String(n).padStart(2, '0')
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
      return `${pad2(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`
    }
    const base = Date.UTC(2026, 10, 24, 23, 59, 58)
    for (const ms of [base, base + 999.9, base + 1000, base + 1500.5, base + 2000, base + 0.1, -0.5, -1000.5]) {
      expect(clfDate(ms)).toBe(fresh(ms))
      expect(httpDate(ms)).toBe(new Date(ms).toUTCString().replace(/^(\w{3}), (\d) /, '$1, 0$2 '))
    }
  })
})
