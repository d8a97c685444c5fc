// bucketQuantile agrees with the engine's PromQL histogram_quantile, and keeps Prometheus's edge cases.
import { describe, expect, it } from 'vitest'
import { MetricRegistry, ENVOY_DEFAULT_BUCKETS } from '@/lab-engine/telemetry'
import { evaluatePromQL, vectorValues } from '@/lab-engine/telemetry/promql'
import { Rng } from '@/lab-engine/core/rng'
import { bucketQuantile } from './bucket-quantile'

describe('bucketQuantile', () => {
  it('matches histogram_quantile over rate()d Envoy buckets for p50, p90 and p99', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('lat', 'histogram', 'latency', ENVOY_DEFAULT_BUCKETS)
    const rng = Rng.seeded('quantiles')
    for (let i = 0; i < 500; i++) reg.observe('lat', { svc: i % 2 ? 'a' : 'b' }, rng.next() ** 3 * 900, 1_000 + i * 100)
    const at = 1_000 + 500 * 100
    const agg = 'sum(rate(lat_bucket[1m])) by (le, svc)'
    for (const q of [0.5, 0.9, 0.99]) {
      const expected = vectorValues(evaluatePromQL(reg, `histogram_quantile(${q}, ${agg})`, at))
      const buckets = vectorValues(evaluatePromQL(reg, agg, at))
      for (const svc of ['a', 'b']) {
        const mine = bucketQuantile(q, buckets.filter((b) => b.labels.svc === svc).map((b) => ({ le: b.labels.le === '+Inf' ? Infinity : Number(b.labels.le), count: b.value })))
        expect(mine).toBeCloseTo(expected.find((e) => e.labels.svc === svc)!.value, 9)
      }
    }
  })

  it('answers NaN without observations or +Inf, the largest bound for a rank in +Inf, and infinities outside [0, 1]', () => {
    const inf = { le: Infinity, count: 10 }
    expect(bucketQuantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }])).toBeNaN()
    expect(bucketQuantile(0.5, [{ le: 1, count: 3 }, { le: 5, count: 3 }])).toBeNaN()
    expect(bucketQuantile(0.99, [{ le: 10, count: 5 }, inf])).toBe(10)
    expect(bucketQuantile(0.5, [inf, { le: 10, count: 10 }])).toBe(5)
    expect(bucketQuantile(-1, [inf])).toBe(-Infinity)
    expect(bucketQuantile(2, [inf])).toBe(Infinity)
  })
})
