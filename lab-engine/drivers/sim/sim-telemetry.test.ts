// The sim driver's telemetry reads: traces as span trees (pure, then over Bookinfo), range queries and the last fortio run.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import type { Span } from '../../telemetry'
import { DriverError, type TraceView } from '../cluster-driver'
import { SimDriver } from './sim-driver'
import { MAX_TRACES, recentTraces } from './sim-telemetry'

const span = (traceId: string, spanId: string, parentSpanId: string | undefined, service: string, startMs: number, durationMs: number, code = 200): Span => ({
  traceId, spanId, parentSpanId, service, operation: `${service.split('.')[0]}.default.svc.cluster.local:9080/*`, kind: 'server', startMs, durationMs,
  tags: { 'http.status_code': String(code), ...(code >= 500 || code === 0 ? { error: 'true' } : {}) },
})

describe('recentTraces', () => {
  // Recorded in finish order: children end before their parents.
  const spans: Span[] = [
    span('t1', 'b', 'a', 'reviews.default', 1010, 20),
    span('t1', 'a', undefined, 'productpage.default', 1000, 50),
    span('t2', 'd', 'gone', 'ratings.default', 2005, 5, 503),
    span('t2', 'c', 'gone', 'reviews.default', 2000, 30, 503),
    span('t3', 'e', undefined, 'details.default', 3000, 4),
  ]

  it('lists the newest traces first, each with its root, timing, status and spans relative to its start', () => {
    const [t3, t2, t1] = recentTraces(spans, { limit: 10 })
    expect([t3!.traceId, t2!.traceId, t1!.traceId]).toEqual(['t3', 't2', 't1'])
    expect(t1).toMatchObject({ rootService: 'productpage.default', startMs: 1000, durationMs: 50, status: 'ok', statusCode: 200, spanCount: 2 })
    expect(t1!.spans.map((s) => [s.spanId, s.parentSpanId, s.startOffsetMs])).toEqual([['a', undefined, 0], ['b', 'a', 10]])
  })

  it('roots a trace whose parent span was not kept at its earliest orphan, drops the dangling parent id, and marks errors', () => {
    const t2 = recentTraces(spans, { limit: 10 }).find((t) => t.traceId === 't2')!
    expect(t2).toMatchObject({ rootService: 'reviews.default', status: 'error', statusCode: 503, durationMs: 30 })
    expect(t2.spans.map((s) => s.parentSpanId)).toEqual([undefined, undefined])
  })

  it('filters by service name or called host, and honours the limit', () => {
    expect(recentTraces(spans, { limit: 10, service: 'reviews.default' }).map((t) => t.traceId)).toEqual(['t2', 't1'])
    expect(recentTraces(spans, { limit: 10, service: 'details.default.svc.cluster.local' }).map((t) => t.traceId)).toEqual(['t3'])
    expect(recentTraces(spans, { limit: 10, service: 'nobody.default' })).toEqual([])
    expect(recentTraces(spans, { limit: 1 })).toHaveLength(1)
    expect(recentTraces(spans, { limit: 10_000 }).length).toBeLessThanOrEqual(MAX_TRACES)
  })
})

describe('SimDriver telemetry over Bookinfo', () => {
  let driver: SimDriver
  const sleep = { namespace: 'default', selector: 'app=sleep' }

  beforeAll(async () => {
    driver = new SimDriver()
    await driver.start({
      mode: 'grading', seed: 7, files: sampleFiles(path.resolve(import.meta.dirname, '../../../content/samples')),
      setup: ['istioctl install --set profile=demo -y', 'kubectl label namespace default istio-injection=enabled',
        'kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml -f samples/sleep/sleep.yaml -f samples/httpbin/sample-client/fortio-deploy.yaml',
        'kubectl wait --for=condition=Ready pods --all --timeout=300s'].join('\n'),
    })
  }, 60_000)
  afterAll(() => driver?.stop())

  it('lists each product page request as one trace: sleep -> productpage -> details/reviews (-> ratings)', async () => {
    for (let i = 0; i < 4; i++) expect((await driver.probeHttp(sleep, { url: 'http://productpage:9080/productpage' })).status).toBe(200)
    const traces = await driver.traces({ limit: 4 })
    expect(traces).toHaveLength(4)
    for (const t of traces) checkTree(t)
    const services = new Set(traces.flatMap((t) => t.spans.map((s) => s.service)))
    expect([...services]).toEqual(expect.arrayContaining(['sleep.default', 'productpage.default', 'details.default', 'reviews.default']))
    expect(traces[0]).toMatchObject({ rootService: 'sleep.default', rootOperation: 'productpage.default.svc.cluster.local:9080/*', status: 'ok', statusCode: 200 })
    // Newest first.
    expect(traces[0]!.startMs).toBeGreaterThanOrEqual(traces[1]!.startMs)
    const withRatings = await driver.traces({ limit: 10, service: 'ratings.default.svc.cluster.local' })
    for (const t of withRatings) expect(t.spans.some((s) => s.service === 'ratings.default')).toBe(true)
  })

  it('answers range queries over its metrics as a matrix, per step; bad PromQL is the caller\'s mistake', async () => {
    for (let i = 0; i < 5; i++) await driver.probeHttp(sleep, { url: 'http://productpage:9080/productpage' })
    await driver.settle(30_000)
    const time = await driver.queryMetric('time()')
    const endMs = Math.floor(Number((time.result as [number, string])[1]) * 1000)
    const r = await driver.queryMetricRange!('sum(rate(istio_requests_total{reporter="destination"}[1m])) by (destination_service)', { startMs: endMs - 60_000, endMs, stepMs: 15_000 })
    expect(r.resultType).toBe('matrix')
    const series = r.result as { metric: Record<string, string>; values: [number, string][] }[]
    const pp = series.find((s) => s.metric.destination_service === 'productpage.default.svc.cluster.local')!
    expect(pp.values.length).toBeGreaterThan(0)
    expect(pp.values.every(([t]) => t * 1000 >= endMs - 60_000 && t * 1000 <= endMs)).toBe(true)
    expect(Math.max(...pp.values.map(([, v]) => Number(v)))).toBeGreaterThan(0)
    await expect(driver.queryMetricRange!('sum(', { startMs: endMs - 1000, endMs, stepMs: 1000 })).rejects.toBeInstanceOf(DriverError)
  })

  it('keeps the last fortio run of the session, not of the grader\'s copy', async () => {
    expect(await driver.lastLoadTest!()).toBeNull()
    const fortio = { namespace: 'default', selector: 'app=fortio' }
    const r = await driver.exec(fortio, ['fortio', 'load', '-c', '2', '-qps', '0', '-n', '40', '-quiet', 'http://productpage:9080/productpage'], { container: 'fortio' })
    expect(r.exitCode).toBe(0)
    const last = (await driver.lastLoadTest!())!
    expect(last).toMatchObject({ url: 'http://productpage:9080/productpage', calls: 40, threads: 2, codes: { 200: 40 } })
    expect(last.percentiles.find((p) => p.percentile === 99)!.ms).toBeGreaterThan(0)
    const copy = await driver.fork()
    expect(await copy.lastLoadTest()).toBeNull()
    await copy.stop()
  }, 30_000)
})

/** Every parent id names a span of the list; exactly one root; offsets inside the trace. */
function checkTree(t: TraceView): void {
  const ids = new Set(t.spans.map((s) => s.spanId))
  expect(t.spans.filter((s) => !s.parentSpanId)).toHaveLength(1)
  for (const s of t.spans) {
    if (s.parentSpanId) expect(ids.has(s.parentSpanId)).toBe(true)
    expect(s.startOffsetMs).toBeGreaterThanOrEqual(0)
    expect(s.startOffsetMs + s.durationMs).toBeLessThanOrEqual(t.durationMs + 1e-9)
  }
}
