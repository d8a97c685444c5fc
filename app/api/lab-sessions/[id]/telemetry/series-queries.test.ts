// The series' pure steps: step-aligned ranges, Istio-dashboard PromQL, matrix parsing and the joined points.
import { describe, expect, it } from 'vitest'
import { byService, joinSeries, MAX_POINTS, MIN_STEP_MS, quantilePromQL, quantilesByService, rangeFor, rankServices, seriesPromQL } from './series-queries'
import { windowSpan } from './telemetry-input'

const matrix = (series: Record<string, [number, string][]>) => ({
  resultType: 'matrix' as const,
  result: Object.entries(series).map(([svc, values]) => ({ metric: { destination_service: svc }, values })),
})

describe('rangeFor', () => {
  it('aligns to whole steps, never finer than the scrape interval, at most MAX_POINTS + 1 points', () => {
    const r = rangeFor(1_000_007_500, 5 * 60_000)
    expect(r).toEqual({ startMs: 1_000_005_000 - 300_000, endMs: 1_000_005_000, stepMs: MIN_STEP_MS })
    const hour = rangeFor(1_000_000_000, 60 * 60_000)
    expect(hour.stepMs).toBe(30_000)
    expect((hour.endMs - hour.startMs) / hour.stepMs).toBeLessThanOrEqual(MAX_POINTS)
    expect(hour.endMs % hour.stepMs).toBe(0)
  })
})

describe('windowSpan', () => {
  it('uses the named window, or the session age kept between 2 minutes and an hour', () => {
    expect(windowSpan('15m', 10)).toBe(15 * 60_000)
    expect(windowSpan('session', 30_000)).toBe(2 * 60_000)
    expect(windowSpan('session', 20 * 60_000)).toBe(20 * 60_000)
    expect(windowSpan('session', 5 * 3_600_000)).toBe(3_600_000)
  })
})

describe('seriesPromQL', () => {
  it('asks as Istio\'s service dashboard does, server-side, narrowed to one service when given', () => {
    const q = seriesPromQL('reviews.default.svc.cluster.local')
    expect(q.rps).toBe('sum(rate(istio_requests_total{reporter="destination",destination_service="reviews.default.svc.cluster.local"}[1m])) by (destination_service)')
    expect(q.errors).toContain('response_code=~"5.."')
    expect(q.buckets).toBe('sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_service="reviews.default.svc.cluster.local"}[1m])) by (le, destination_service)')
    expect(quantilePromQL(0.99)).toBe('histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[1m])) by (le, destination_service))')
    expect(seriesPromQL().rps).toBe('sum(rate(istio_requests_total{reporter="destination"}[1m])) by (destination_service)')
  })
})

describe('joinSeries', () => {
  const range = { startMs: 0, endMs: 30_000, stepMs: 15_000 }
  const rps = byService(matrix({ a: [[0, '2'], [15, '4']], b: [[15, '10'], [30, '10']] }))
  const errors = byService(matrix({ a: [[15, '1']] }))
  const p50 = byService(matrix({ a: [[0, '5'], [15, 'NaN']] }))

  it('ranks services by requests and joins one point per step, with gaps as null and the 5xx share of requests', () => {
    expect(rankServices(rps)).toEqual(['b', 'a'])
    const [a] = joinSeries(range, ['a'], rps, errors, [p50, new Map(), new Map()])
    expect(a!.points).toEqual([
      { t: 0, rps: 2, errorRate: 0, p50: 5, p90: null, p99: null },
      { t: 15_000, rps: 4, errorRate: 0.25, p50: null, p90: null, p99: null },
      { t: 30_000, rps: null, errorRate: null, p50: null, p90: null, p99: null },
    ])
  })

  it('takes each quantile from the bucket series per service and step', () => {
    const buckets = {
      resultType: 'matrix' as const,
      result: [
        { metric: { destination_service: 'a', le: '10' }, values: [[0, '5'], [15, '0']] as [number, string][] },
        { metric: { destination_service: 'a', le: '+Inf' }, values: [[0, '10'], [15, '0']] as [number, string][] },
      ],
    }
    const [p50, p90] = quantilesByService(buckets, [0.5, 0.9])
    expect(p50!.get('a')).toEqual(new Map([[0, 10]]))
    expect(p90!.get('a')!.get(0)).toBe(10)
  })

  it('reads nothing from a non-matrix answer', () => {
    expect(byService({ resultType: 'vector', result: [] }).size).toBe(0)
  })
})
