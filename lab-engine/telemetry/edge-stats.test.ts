import { describe, expect, it } from 'vitest'
import { EdgeAggregator, MAX_OPEN_WINDOWS, percentile } from './edge-stats'
import type { RequestRecord } from './istio-metrics'

const T0 = Date.UTC(2026, 0, 1)
const sleep = { workload: 'sleep', namespace: 'default' }
const httpbin = { workload: 'httpbin', namespace: 'default' }

function req(endMs: number, over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    endMs,
    source: sleep,
    destination: httpbin,
    destinationService: { host: 'httpbin.default.svc.cluster.local', name: 'httpbin', namespace: 'default' },
    protocol: 'http',
    responseCode: 200,
    mtls: true,
    reporters: { source: true, destination: true },
    sourceDurationMs: 10,
    requestBytes: 0,
    responseBytes: 0,
    ...over,
  }
}

describe('EdgeAggregator', () => {
  it('aggregates each second per edge and emits only finished windows', () => {
    const agg = new EdgeAggregator()
    for (let i = 1; i <= 100; i++) agg.add(req(T0 + 5 * i, { sourceDurationMs: i, responseCode: i % 10 === 0 ? 503 : i % 25 === 0 ? 404 : 200, mtls: i <= 50 }))
    agg.add(req(T0 + 1_500))
    expect(agg.flush(T0 + 999)).toEqual([])
    expect(agg.flush(T0 + 1_000)).toEqual([
      {
        from: 'default/sleep',
        to: 'default/httpbin',
        windowStartMs: T0,
        windowMs: 1_000,
        requests: 100,
        errors: 10,
        clientErrors: 2,
        p50Ms: 50,
        p99Ms: 99,
        mtlsRatio: 0.5,
      },
    ])
    expect(agg.flush(T0 + 2_000)).toHaveLength(1)
    expect(agg.flush(T0 + 3_000)).toEqual([])
  })

  it('names unknown callers and service-only destinations; counts a local reply from the source report', () => {
    const agg = new EdgeAggregator()
    agg.add(req(T0, { source: null, reporters: { source: false, destination: true }, destinationDurationMs: 4 }))
    agg.add(req(T0, { destination: null, responseCode: 503, reporters: { source: true, destination: false } }))
    const out = agg.flush(T0 + 1_000)
    expect(out.map((e) => [e.from, e.to, e.errors, e.p50Ms])).toEqual([
      ['default/sleep', 'httpbin.default.svc.cluster.local', 1, 10],
      ['unknown', 'default/httpbin', 0, 4],
    ])
  })

  it('holds a bounded number of open windows', () => {
    const agg = new EdgeAggregator(10)
    for (let i = 0; i < MAX_OPEN_WINDOWS + 30; i++) agg.add(req(T0 + i * 10))
    const out = agg.flush(T0 + 1_000_000)
    expect(out).toHaveLength(MAX_OPEN_WINDOWS)
    expect(out[0]!.windowStartMs).toBe(T0 + 30 * 10)
  })
})

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2)
    expect(percentile([1, 2, 3, 4], 0.99)).toBe(4)
    expect(percentile([], 0.5)).toBe(0)
  })
})
