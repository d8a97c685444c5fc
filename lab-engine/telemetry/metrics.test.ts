import { describe, expect, it } from 'vitest'
import { MetricError, MetricRegistry, readerOf } from './metrics'

const T0 = Date.UTC(2026, 0, 1)

describe('MetricRegistry', () => {
  it('counts per label set, label order not mattering', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('hits_total', 'counter', 'hits')
    reg.inc('hits_total', { a: '1', b: '2' }, T0)
    reg.inc('hits_total', { b: '2', a: '1' }, T0 + 5, 2)
    reg.inc('hits_total', { a: '9' }, T0 + 6)
    const series = reg.flatSeries('hits_total')
    expect(series).toHaveLength(2)
    const ab = series.find((s) => s.labels.b === '2')!
    expect(ab.labels.__name__).toBe('hits_total')
    expect(ab.history.latest()[0]).toBe(3)
  })

  it('refuses decreasing a counter and writing an undefined metric', () => {
    const reg = new MetricRegistry()
    reg.define('c_total', 'counter', '')
    expect(() => reg.inc('c_total', {}, T0, -1)).toThrow(MetricError)
    expect(() => reg.inc('nope_total', {}, T0)).toThrow(/not defined/)
    expect(() => reg.set('c_total', {}, 1, T0)).toThrow(/is a counter/)
  })

  it('refuses invalid names and reserved labels', () => {
    const reg = new MetricRegistry()
    expect(() => reg.define('bad-name', 'counter', '')).toThrow(/invalid metric name/)
    reg.define('ok_total', 'counter', '')
    expect(() => reg.inc('ok_total', { __x: '1' }, T0)).toThrow(/invalid label name/)
    expect(() => reg.define('ok_total', 'gauge', '')).toThrow(/already a counter/)
  })

  it('histograms expose cumulative _bucket, _sum and _count series', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('lat', 'histogram', '', [1, 10, 100])
    for (const v of [0.5, 5, 5, 50, 500]) reg.observe('lat', { svc: 'x' }, v, T0)
    const buckets = reg.flatSeries('lat_bucket')
    const byLe = Object.fromEntries(buckets.map((s) => [s.labels.le, readerOf(s)(s.history.latest())]))
    expect(byLe).toEqual({ '1': 1, '10': 3, '100': 4, '+Inf': 5 })
    const sum = reg.flatSeries('lat_sum')[0]!
    expect(readerOf(sum)(sum.history.latest())).toBe(560.5)
    const count = reg.flatSeries('lat_count')[0]!
    expect(readerOf(count)(count.history.latest())).toBe(5)
    expect(reg.flatSeries('lat')).toEqual([])
  })

  it('an observation equal to a bound falls in that bucket (le is inclusive)', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('h', 'histogram', '', [1, 10])
    reg.observe('h', {}, 10, T0)
    const le10 = reg.flatSeries('h_bucket').find((s) => s.labels.le === '10')!
    expect(readerOf(le10)(le10.history.latest())).toBe(1)
  })

  it('caps label sets and counts what it dropped', () => {
    const reg = new MetricRegistry({ maxSeries: 3 })
    reg.define('c_total', 'counter', '')
    for (let i = 0; i < 10; i++) reg.inc('c_total', { i: String(i) }, T0)
    reg.inc('c_total', { i: '0' }, T0)
    expect(reg.size).toBe(3)
    expect(reg.droppedSamples).toBe(7)
    expect(reg.flatSeries('c_total').find((s) => s.labels.i === '0')!.history.latest()[0]).toBe(2)
  })

  it('renders the Prometheus text exposition format', () => {
    const reg = new MetricRegistry()
    reg.define('req_total', 'counter', '')
    reg.define('dur', 'histogram', '', [5])
    reg.inc('req_total', { code: '200', path: 'a"b' }, T0, 3)
    reg.observe('dur', { code: '200' }, 7, T0)
    expect(reg.renderExposition()).toBe(
      [
        '# TYPE dur histogram',
        'dur_bucket{code="200",le="5"} 0',
        'dur_bucket{code="200",le="+Inf"} 1',
        'dur_sum{code="200"} 7',
        'dur_count{code="200"} 1',
        '# TYPE req_total counter',
        'req_total{code="200",path="a\\"b"} 3',
        '',
      ].join('\n'),
    )
  })

  it('lists selectable metric names with histograms expanded', () => {
    const reg = new MetricRegistry()
    reg.define('b_total', 'counter', '')
    reg.define('a', 'histogram', '', [1])
    expect(reg.metricNames()).toEqual(['a_bucket', 'a_count', 'a_sum', 'b_total'])
  })
})
