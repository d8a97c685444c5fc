// fortio's histogram and percentiles, checked against outputs fortio itself printed.
import { describe, expect, it } from 'vitest'
import { Counter, Histogram } from './histogram'

// Istio's circuit-breaking task (fortio 1.3.1 output): 20 calls whose latencies fall in these
// buckets; the values inside a bucket do not change its line, only min and max do.
const DOCS_LATENCIES = [
  0.000499, 0.0008, 0.0015, 0.0031, 0.0032, 0.0033, 0.0034, 0.0035, 0.0036, 0.0041,
  0.0042, 0.0055, 0.0061, 0.0062, 0.0071, 0.0072, 0.0085, 0.0115, 0.013, 0.0144329,
]
const DOCS_TABLE = `# range, mid point, percentile, count
>= 0.000499 <= 0.001 , 0.0007495 , 10.00, 2
> 0.001 <= 0.002 , 0.0015 , 15.00, 1
> 0.003 <= 0.004 , 0.0035 , 45.00, 6
> 0.004 <= 0.005 , 0.0045 , 55.00, 2
> 0.005 <= 0.006 , 0.0055 , 60.00, 1
> 0.006 <= 0.007 , 0.0065 , 70.00, 2
> 0.007 <= 0.008 , 0.0075 , 80.00, 2
> 0.008 <= 0.009 , 0.0085 , 85.00, 1
> 0.011 <= 0.012 , 0.0115 , 90.00, 1
> 0.012 <= 0.014 , 0.013 , 95.00, 1
> 0.014 <= 0.0144329 , 0.0142165 , 100.00, 1
# target 50% 0.0045
# target 75% 0.0075
# target 90% 0.012
# target 99% 0.0143463
# target 99.9% 0.0144242
`

describe('fortio Histogram', () => {
  it('reproduces the bucket table and percentiles of the Istio docs run', () => {
    const h = new Histogram(0, 0.001)
    for (const v of DOCS_LATENCIES) h.record(v)
    const printed = h.print('Aggregated Function Time', [50, 75, 90, 99, 99.9])
    expect(printed.slice(printed.indexOf('\n') + 1)).toBe(DOCS_TABLE)
    expect(printed.startsWith('Aggregated Function Time : count 20 avg ')).toBe(true)
  })

  it('reproduces a fortio 1.69 connection-time histogram exactly, counter line included', () => {
    const h = new Histogram(0, 0.001)
    for (const v of [0.000311963, 0.000188963, 9.9328e-5, 0.000465303]) h.record(v)
    expect(h.print('Connection time histogram (s)', [50, 75, 90, 99, 99.9])).toBe(
      'Connection time histogram (s) : count 4 avg 0.00026638925 +/- 0.0001374 min 9.9328e-05 max 0.000465303 sum 0.001065557\n' +
      '# range, mid point, percentile, count\n' +
      '>= 9.9328e-05 <= 0.000465303 , 0.000282316 , 100.00, 4\n' +
      '# target 50% 0.00022132\n# target 75% 0.000343311\n# target 90% 0.000416506\n# target 99% 0.000460423\n# target 99.9% 0.000464815\n')
  })

  it('a value on a bucket boundary belongs to the bucket below (intervals are ]prev, cur])', () => {
    const h = new Histogram(0, 0.001)
    h.record(0.004)
    h.record(0.0041)
    expect(h.buckets().map((b) => [b.start, b.end, b.count])).toEqual([[0.004, 0.004, 1], [0.004, 0.0041, 1]])
  })

  it('values past the last bucket go to an overflow bucket that ends at the maximum', () => {
    const h = new Histogram(0, 0.001)
    h.record(0.05)
    h.record(250)
    const last = h.buckets().at(-1)!
    expect([last.start, last.end, last.count, last.percent]).toEqual([100, 250, 1, 100])
  })

  it('says "no data" when empty, and a negative offset keeps late sleeps in the first bucket', () => {
    expect(new Histogram(0, 0.001).print('Error cases', [50])).toBe('Error cases : no data\n')
    const sleeps = new Histogram(-0.001, 0.001)
    for (const v of [-0.002, -0.001, 0.05]) sleeps.record(v)
    expect(sleeps.firstBucketCount()).toBe(2)
  })

  it('merges per-thread histograms like fortio Transfer', () => {
    const a = new Histogram(0, 0.001)
    const b = new Histogram(0, 0.001)
    a.record(0.002); b.record(0.009); b.record(0.001)
    a.add(b)
    expect([a.count, a.min, a.max]).toEqual([3, 0.001, 0.009])
    expect(a.buckets().map((x) => x.count)).toEqual([1, 1, 1])
  })
})

describe('fortio Counter', () => {
  it('prints the line fortio prints for one connection', () => {
    const c = new Counter()
    c.record(0.000311963)
    expect(c.line(', connection timing')).toBe(', connection timing : count 1 avg 0.000311963 +/- 0 min 0.000311963 max 0.000311963 sum 0.000311963\n')
  })

  it('prints zeros with no data (the -quiet "Error cases" line)', () => {
    expect(new Counter().line('Error cases')).toBe('Error cases : count 0 avg 0 +/- 0 min 0 max 0 sum 0\n')
  })
})
