import { describe, expect, it } from 'vitest'
import { SeriesHistory } from './series'

const T0 = Date.UTC(2026, 0, 1)
const read = (v: Float64Array) => v[0]!
const inc = (by = 1) => (v: Float64Array) => void (v[0]! += by)
const timing = { scrapeIntervalMs: 15_000, retentionMs: 3_600_000 }

describe('SeriesHistory open slot', () => {
  it('a clone and its original go on separately inside the open slot and after it', () => {
    const h = new SeriesHistory(1, T0 + 1, timing)
    h.write(T0 + 1, inc())
    const c = h.clone()
    c.write(T0 + 2, inc(10))
    h.write(T0 + 3, inc(100))
    expect(h.sampleAt(read, T0 + 15_000, 300_000)?.v).toBe(101)
    expect(c.sampleAt(read, T0 + 15_000, 300_000)?.v).toBe(11)
    c.write(T0 + 20_000, inc())
    h.write(T0 + 20_000, inc(2))
    expect(h.samples(read, T0, T0 + 30_000, 10).map((s) => s.v)).toEqual([101, 103])
    expect(c.samples(read, T0, T0 + 30_000, 10).map((s) => s.v)).toEqual([11, 12])
    expect(h.latest()[0]).toBe(103)
  })

  it('with every write visible (interval 0) each write keeps its own value', () => {
    const h = new SeriesHistory(1, T0 + 1, { scrapeIntervalMs: 0, retentionMs: 3_600_000 })
    for (let i = 1; i <= 3; i++) h.write(T0 + i, inc())
    expect(h.samples(read, T0, T0 + 10, 10)).toEqual([{ t: T0 + 1, v: 1 }, { t: T0 + 2, v: 2 }, { t: T0 + 3, v: 3 }])
  })
})
