import { describe, expect, it } from 'vitest'
import { MetricRegistry } from './metrics'
import { bucketQuantile, extrapolatedRate } from './promql-functions'
import { MAX_RANGE_POINTS, PromQLError, evaluatePromQL, queryPromQL, queryRangePromQL, vectorValues } from './promql'

const T0 = Date.UTC(2026, 0, 1) // a multiple of 15 s
const S = 1000

/** A registry where every write is visible at once, with writes of counter c_total at T0+10s..T0+60s (1..6). */
function steadyCounter(): MetricRegistry {
  const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
  reg.define('c_total', 'counter', '')
  for (let i = 1; i <= 6; i++) reg.inc('c_total', { job: 'a' }, T0 + i * 10 * S)
  return reg
}

const one = (reg: MetricRegistry, q: string, t: number) => {
  const vals = vectorValues(evaluatePromQL(reg, q, t))
  expect(vals).toHaveLength(1)
  return vals[0]!.value
}

describe('extrapolatedRate (promql/functions.go)', () => {
  it('corrects counter resets and extrapolates to the window edges', () => {
    // Samples 5, 8, 2 at 1 s, 11 s, 21 s in (0, 30 s]: raw 2-5 = -3, +8 for the reset = 5;
    // 1 s to the start and 9 s to the end are both under 1.1 x 10 s, so extrapolate over 30 s of 20 s sampled.
    const samples = [
      { t: 1 * S, v: 5 },
      { t: 11 * S, v: 8 },
      { t: 21 * S, v: 2 },
    ]
    expect(extrapolatedRate(samples, 0, 30 * S, false)).toBeCloseTo(7.5, 10)
    expect(extrapolatedRate(samples, 0, 30 * S, true)).toBeCloseTo(0.25, 10)
  })

  it('needs two samples', () => {
    expect(extrapolatedRate([{ t: 1, v: 1 }], 0, 10, true)).toBeUndefined()
  })
})

describe('bucketQuantile (promql/quantile.go)', () => {
  const b = (upper: number, count: number) => ({ upper, count })

  it('interpolates linearly inside the bucket holding the rank', () => {
    const buckets = [b(10, 2), b(20, 4), b(Infinity, 4)]
    expect(bucketQuantile(0.5, buckets)).toBe(10)
    expect(bucketQuantile(0.75, buckets)).toBe(15)
    expect(bucketQuantile(1, buckets)).toBe(20)
  })

  it('answers the highest finite bound when the rank is in +Inf, NaN without +Inf', () => {
    expect(bucketQuantile(0.99, [b(10, 2), b(20, 4), b(Infinity, 5)])).toBe(20)
    expect(bucketQuantile(0.5, [b(10, 2), b(20, 4)])).toBeNaN()
    expect(bucketQuantile(1.5, [b(10, 2), b(Infinity, 2)])).toBe(Infinity)
  })
})

describe('PromQL evaluation', () => {
  it('increase and rate use the zero sample at creation, so the first increments count', () => {
    const reg = steadyCounter()
    expect(one(reg, 'increase(c_total[1m])', T0 + 60 * S)).toBeCloseTo(6, 10)
    expect(one(reg, 'rate(c_total[1m])', T0 + 60 * S)).toBeCloseTo(0.1, 10)
  })

  it('extrapolates a window that starts after the series began', () => {
    // Samples 4, 5, 6 at 40, 50, 60 s in (30 s, 60 s]: 2 over 20 s sampled, extrapolated by 10 s at the start.
    expect(one(steadyCounter(), 'increase(c_total[30s])', T0 + 60 * S)).toBeCloseTo(3, 10)
  })

  it('instant selectors see a write only once Prometheus has scraped it (15 s)', () => {
    const reg = new MetricRegistry()
    reg.define('c_total', 'counter', '')
    reg.inc('c_total', { a: '1' }, T0 + 2 * S)
    reg.inc('c_total', { a: '1' }, T0 + 3 * S)
    expect(one(reg, 'c_total', T0 + 10 * S)).toBe(0)
    expect(one(reg, 'c_total', T0 + 15 * S)).toBe(2)
    expect(vectorValues(evaluatePromQL(reg, 'c_total', T0))).toEqual([])
  })

  it('drops series whose last sample is older than the 5 minute lookback', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('c_total', 'counter', '')
    reg.inc('c_total', {}, T0)
    expect(vectorValues(evaluatePromQL(reg, 'c_total', T0 + 299 * S))).toHaveLength(1)
    expect(vectorValues(evaluatePromQL(reg, 'c_total', T0 + 301 * S))).toHaveLength(0)
  })

  function requests(): MetricRegistry {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('req_total', 'counter', '')
    const at = T0 + 10 * S
    reg.inc('req_total', { app: 'web', code: '200', version: 'v1' }, at, 4)
    reg.inc('req_total', { app: 'web', code: '200', version: 'v2' }, at, 2)
    reg.inc('req_total', { app: 'web', code: '503', version: 'v2' }, at, 2)
    reg.inc('req_total', { app: 'db', code: '200', version: 'v1' }, at, 5)
    return reg
  }

  it('matches labels with =, !=, =~ and !~ (regexes fully anchored)', () => {
    const reg = requests()
    const t = T0 + 20 * S
    expect(one(reg, 'sum(req_total{app="web", code!="200"})', t)).toBe(2)
    expect(one(reg, 'sum(req_total{code=~"5.."})', t)).toBe(2)
    expect(vectorValues(evaluatePromQL(reg, 'req_total{code=~"5"}', t))).toEqual([])
    expect(one(reg, 'sum(req_total{version!~"v1|v3"})', t)).toBe(4)
    expect(one(reg, 'count({__name__="req_total"})', t)).toBe(4)
  })

  it('aggregates with by and without', () => {
    const reg = requests()
    const t = T0 + 20 * S
    expect(vectorValues(evaluatePromQL(reg, 'sum by (app) (req_total)', t))).toEqual([
      { labels: { app: 'db' }, value: 5 },
      { labels: { app: 'web' }, value: 8 },
    ])
    expect(vectorValues(evaluatePromQL(reg, 'max(req_total) without (code, version)', t))).toEqual([
      { labels: { app: 'db' }, value: 5 },
      { labels: { app: 'web' }, value: 4 },
    ])
    expect(one(reg, 'avg(req_total)', t)).toBeCloseTo(13 / 4, 10)
    expect(one(reg, 'min(req_total)', t)).toBe(2)
    expect(vectorValues(evaluatePromQL(reg, 'topk(1, req_total)', t))[0]!.labels).toMatchObject({ app: 'db', __name__: 'req_total' })
  })

  it('divides matching vectors for an error rate', () => {
    const q = 'sum by (app) (rate(req_total{code=~"5.."}[1m])) / sum by (app) (rate(req_total[1m]))'
    expect(vectorValues(evaluatePromQL(requests(), q, T0 + 60 * S))).toEqual([{ labels: { app: 'web' }, value: expect.closeTo(0.25, 10) }])
  })

  it('compares a vector with a scalar: filters keep the value and the name, bool gives 0/1', () => {
    const reg = requests()
    const t = T0 + 20 * S
    expect(vectorValues(evaluatePromQL(reg, 'sum by (code) (req_total) > 3', t))).toEqual([{ labels: { code: '200' }, value: 11 }])
    expect(vectorValues(evaluatePromQL(reg, '3 < req_total{app="db"}', t))).toEqual([{ labels: { __name__: 'req_total', app: 'db', code: '200', version: 'v1' }, value: 5 }])
    expect(vectorValues(evaluatePromQL(reg, 'sum by (code) (req_total) > bool 3', t))).toEqual([
      { labels: { code: '200' }, value: 1 },
      { labels: { code: '503' }, value: 0 },
    ])
  })

  it('does arithmetic between vectors and scalars and drops the metric name', () => {
    const reg = requests()
    expect(vectorValues(evaluatePromQL(reg, 'req_total{app="db"} * 2 + 1', T0 + 20 * S))).toEqual([{ labels: { app: 'db', code: '200', version: 'v1' }, value: 11 }])
  })

  it('matches with on() and ignoring(), and refuses many-to-many', () => {
    const reg = requests()
    const t = T0 + 20 * S
    const on = 'req_total{version="v2", code="503"} / on (app, version) req_total{version="v2", code="200"}'
    expect(vectorValues(evaluatePromQL(reg, on, t))).toEqual([{ labels: { app: 'web', version: 'v2' }, value: 1 }])
    const ign = 'req_total{code="503"} + ignoring (code) req_total{code="200"}'
    expect(vectorValues(evaluatePromQL(reg, ign, t))).toEqual([{ labels: { app: 'web', version: 'v2' }, value: 4 }])
    expect(() => evaluatePromQL(reg, 'req_total / on (app) req_total', t)).toThrow(PromQLError)
  })

  it('and, or, unless combine vectors by label set', () => {
    const reg = requests()
    const t = T0 + 20 * S
    expect(vectorValues(evaluatePromQL(reg, 'req_total unless req_total{code="200"}', t)).map((v) => v.labels.code)).toEqual(['503'])
    expect(vectorValues(evaluatePromQL(reg, 'req_total and req_total{app="db"}', t))).toHaveLength(1)
    expect(vectorValues(evaluatePromQL(reg, 'req_total{app="db"} or req_total{app="web"}', t))).toHaveLength(4)
  })

  it('histogram_quantile over summed bucket rates', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('lat', 'histogram', '', [5, 10, 20])
    for (const [v, pod] of [[3, 'a'], [7, 'b'], [15, 'a'], [18, 'b']] as const) reg.observe('lat', { pod }, v, T0 + 10 * S)
    const q = (p: number) => `histogram_quantile(${p}, sum by (le) (rate(lat_bucket[1m])))`
    expect(one(reg, q(0.5), T0 + 60 * S)).toBeCloseTo(10, 9)
    expect(one(reg, q(0.9), T0 + 60 * S)).toBeCloseTo(18, 9)
  })

  it('absent() reports the equality labels of a selector that matched nothing', () => {
    const reg = requests()
    expect(vectorValues(evaluatePromQL(reg, 'absent(req_total{app="nope", code=~"5.."})', T0 + 20 * S))).toEqual([{ labels: { app: 'nope' }, value: 1 }])
    expect(vectorValues(evaluatePromQL(reg, 'absent(req_total)', T0 + 20 * S))).toEqual([])
  })

  it('answers in the Prometheus HTTP API shape', () => {
    const reg = requests()
    const t = T0 + 20 * S
    expect(queryPromQL(reg, 'sum(req_total{app="db"})', t)).toEqual({ resultType: 'vector', result: [{ metric: {}, value: [t / 1000, '5'] }] })
    expect(queryPromQL(reg, '1 / 3', t)).toEqual({ resultType: 'scalar', result: [t / 1000, '0.3333333333333333'] })
    expect(queryPromQL(reg, '1 / 0', t)).toEqual({ resultType: 'scalar', result: [t / 1000, '+Inf'] })
    const m = queryPromQL(reg, 'req_total{app="db"}[30s]', t)
    expect(m).toEqual({
      resultType: 'matrix',
      result: [{ metric: { __name__: 'req_total', app: 'db', code: '200', version: 'v1' }, values: [[(T0 + 10 * S - 1) / 1000, '0'], [(T0 + 10 * S) / 1000, '5']] }],
    })
  })

  it('sort() keeps its order; other vectors come sorted by labels', () => {
    const reg = requests()
    const q = 'sum by (version) (req_total)'
    expect(vectorValues(evaluatePromQL(reg, q, T0 + 20 * S)).map((v) => v.value)).toEqual([9, 4])
    expect(vectorValues(evaluatePromQL(reg, `sort(${q})`, T0 + 20 * S)).map((v) => v.value)).toEqual([4, 9])
  })

  it('refuses queries that would read too many samples', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 1_000 })
    reg.define('c_total', 'counter', '')
    reg.inc('c_total', {}, T0)
    expect(() => evaluatePromQL(reg, 'c_total[1h]', T0 + 3_600 * S, { maxSamples: 100 })).toThrow('query processing would load too many samples into memory')
  })

  it('range queries evaluate at every step, one series per label set', () => {
    const reg = steadyCounter()
    const res = queryRangePromQL(reg, 'c_total', T0 + 20 * S, T0 + 40 * S, 10 * S)
    expect(res.result).toEqual([
      {
        metric: { __name__: 'c_total', job: 'a' },
        values: [
          [(T0 + 20 * S) / 1000, '2'],
          [(T0 + 30 * S) / 1000, '3'],
          [(T0 + 40 * S) / 1000, '4'],
        ],
      },
    ])
    expect(queryRangePromQL(reg, '1 + 1', T0, T0 + S, S).result).toEqual([{ metric: {}, values: [[T0 / 1000, '2'], [(T0 + S) / 1000, '2']] }])
  })

  it('range queries refuse range vectors, bad steps and too many points', () => {
    const reg = steadyCounter()
    expect(() => queryRangePromQL(reg, 'c_total[1m]', T0, T0 + S, S)).toThrow(/invalid expression type "range vector"/)
    expect(() => queryRangePromQL(reg, 'c_total', T0, T0 + S, 0)).toThrow(/step/)
    expect(() => queryRangePromQL(reg, 'c_total', T0, T0 + MAX_RANGE_POINTS * S, S)).toThrow(/maximum resolution/)
  })

  function gauge(): MetricRegistry {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('g', 'gauge', '')
    ;[5, 7, 7, 3, 9].forEach((v, i) => reg.set('g', { k: 'a' }, v, T0 + (i + 1) * 10 * S))
    reg.set('g', { k: 'b' }, 1, T0 + 10 * S)
    return reg
  }

  it('changes, resets, delta and last_over_time over a gauge', () => {
    const reg = gauge()
    const at = T0 + 50 * S
    // Window (0 s, 50 s] holds 5, 7, 7, 3, 9 (gauges get no creation zero sample).
    expect(one(reg, 'changes(g{k="a"}[50s])', at)).toBe(3)
    expect(one(reg, 'resets(g{k="a"}[50s])', at)).toBe(1)
    expect(one(reg, 'last_over_time(g{k="a"}[50s])', at)).toBe(9)
    // delta is not a counter: no reset correction, no zero clamp. Samples 7, 7, 3, 9 at 20..50 s in (15 s, 50 s]:
    // 2 over 30 s sampled, 5 s to the start (< 11 s) and 0 to the end, so 2 x 35/30.
    expect(one(reg, 'delta(g{k="a"}[35s])', at)).toBeCloseTo((2 * 35) / 30, 10)
  })

  it('group, stddev, stdvar, quantile and clamp', () => {
    const reg = requests()
    const t = T0 + 20 * S
    expect(one(reg, 'group(req_total)', t)).toBe(1)
    // Values 4, 2, 2, 5: mean 3.25, variance (0.5625 + 1.5625 + 1.5625 + 3.0625) / 4 = 1.6875.
    expect(one(reg, 'stdvar(req_total)', t)).toBeCloseTo(1.6875, 10)
    expect(one(reg, 'stddev(req_total)', t)).toBeCloseTo(Math.sqrt(1.6875), 10)
    // Sorted 2, 2, 4, 5: rank 0.5 x 3 = 1.5, between 2 and 4.
    expect(one(reg, 'quantile(0.5, req_total)', t)).toBe(3)
    expect(vectorValues(evaluatePromQL(reg, 'clamp(req_total, 3, 4)', t)).map((v) => v.value).sort()).toEqual([3, 3, 4, 4])
    expect(vectorValues(evaluatePromQL(reg, 'clamp(req_total, 5, 4)', t))).toEqual([])
  })

  it('says when a real PromQL function is not supported, and refuses duplicate label sets', () => {
    const reg = requests()
    expect(() => evaluatePromQL(reg, 'label_replace(req_total, "a", "b", "c", "d")', 0)).toThrow('1:1: parse error: label_replace() is valid PromQL but not supported in this simulator')
    reg.define('other_total', 'counter', '')
    reg.inc('other_total', { app: 'db', code: '200', version: 'v1' }, T0 + 10 * S)
    expect(() => evaluatePromQL(reg, '{__name__=~".*_total", app="db"} * 1', T0 + 20 * S)).toThrow('vector cannot contain metrics with the same labelset')
  })
})
