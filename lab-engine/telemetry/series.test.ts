import { describe, expect, it } from 'vitest'
import { Rng } from '../core/rng'
import { MAX_POINTS_PER_SERIES, SeriesHistory } from './series'

const T0 = Date.UTC(2026, 0, 1) // a multiple of 15 s
const read = (v: Float64Array) => v[0]!
const inc = (by = 1) => (v: Float64Array) => void (v[0]! += by)

describe('SeriesHistory with a 15 s scrape interval', () => {
  const timing = { scrapeIntervalMs: 15_000, retentionMs: 3_600_000 }

  it('a write is visible only from the next scrape instant on', () => {
    const h = new SeriesHistory(1, T0 + 3_000, timing)
    h.write(T0 + 3_000, inc())
    expect(h.sampleAt(read, T0 + 10_000, 300_000)?.v).toBe(0) // only the creation zero sample so far
    expect(h.sampleAt(read, T0 + 15_000, 300_000)).toEqual({ t: T0 + 15_000, v: 1 })
  })

  it('many writes in one slot cost one point; slots between changes repeat the value', () => {
    const h = new SeriesHistory(1, T0 + 1, timing)
    for (let i = 0; i < 1000; i++) h.write(T0 + 1 + i, inc())
    h.write(T0 + 50_000, inc(5))
    const samples = h.samples(read, T0 - 1, T0 + 60_000, 1000)
    expect(samples).toEqual([
      { t: T0, v: 0 },
      { t: T0 + 15_000, v: 1000 },
      { t: T0 + 30_000, v: 1000 },
      { t: T0 + 45_000, v: 1000 },
      { t: T0 + 60_000, v: 1005 },
    ])
  })

  it('ranges are left-open, right-closed (Prometheus 3)', () => {
    const h = new SeriesHistory(1, T0 + 1, timing)
    h.write(T0 + 1, inc())
    const ts = h.samples(read, T0 + 15_000, T0 + 45_000, 100).map((s) => s.t - T0)
    expect(ts).toEqual([30_000, 45_000])
  })

  it('refuses to synthesise more samples than the limit', () => {
    const h = new SeriesHistory(1, T0 + 1, timing)
    h.write(T0 + 1, inc())
    expect(() => h.samples(read, T0, T0 + 3_600_000, 10)).toThrow(/more than 10 samples/)
  })
})

describe('SeriesHistory with scrapeIntervalMs 0', () => {
  const timing = { scrapeIntervalMs: 0, retentionMs: 60_000 }

  it('every change is a sample, after a zero 1 ms before creation', () => {
    const h = new SeriesHistory(1, T0, timing)
    h.write(T0, inc())
    h.write(T0 + 10, inc())
    expect(h.samples(read, T0 - 100, T0 + 100, 100)).toEqual([
      { t: T0 - 1, v: 0 },
      { t: T0, v: 1 },
      { t: T0 + 10, v: 2 },
    ])
  })

  it('folds points older than the retention window and caps the point count', () => {
    const h = new SeriesHistory(1, T0, timing)
    for (let i = 0; i < 2000; i++) h.write(T0 + i, inc())
    const all = h.samples(read, 0, T0 + 10_000, 10_000)
    expect(all.length).toBe(MAX_POINTS_PER_SERIES)
    expect(all[all.length - 1]!.v).toBe(2000)
    h.write(T0 + 200_000, inc())
    const after = h.samples(read, 0, T0 + 300_000, 10_000)
    expect(after.length).toBeLessThanOrEqual(2)
    expect(after[after.length - 1]!.v).toBe(2001)
  })
})

describe('gauges (no creation zero sample)', () => {
  it('have no sample before their first write, in either scrape mode', () => {
    for (const scrapeIntervalMs of [0, 15_000]) {
      const h = new SeriesHistory(1, T0 + 1, { scrapeIntervalMs, retentionMs: 3_600_000 }, false)
      h.write(T0 + 1, (v) => void (v[0] = 7))
      expect(h.samples(read, T0 - 10_000, T0 + 15_000, 100).map((s) => s.v)).toEqual([7])
      expect(h.sampleAt(read, T0 + 0.5, 300_000)).toBeUndefined()
      expect(h.sampleAt(read, T0 + 15_000, 300_000)?.v).toBe(7)
    }
  })
})

describe('sampleAt agrees with the last sample of the lookback window', () => {
  for (const [scrapeIntervalMs, zero] of [[0, true], [15_000, true], [7_000, true], [0, false], [15_000, false]] as const) {
    it(`for random writes with scrapeIntervalMs ${scrapeIntervalMs}, zero sample ${zero}`, () => {
      const rng = Rng.seeded(scrapeIntervalMs + 1)
      const timing = { scrapeIntervalMs, retentionMs: 600_000 }
      const created = T0 + rng.int(30_000)
      const h = new SeriesHistory(1, created, timing, zero)
      let t = created
      for (let i = 0; i < 200; i++) {
        h.write(t, inc(1 + rng.int(3)))
        t += rng.int(20_000)
      }
      for (let i = 0; i < 300; i++) {
        const at = created - 20_000 + rng.int(t - created + 400_000)
        const lookback = 1 + rng.int(400_000)
        const window = h.samples(read, at - lookback, at, 1_000_000)
        expect(h.sampleAt(read, at, lookback)).toEqual(window.length ? window[window.length - 1] : undefined)
      }
    })
  }
})
