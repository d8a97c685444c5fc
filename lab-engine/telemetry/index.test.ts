import { describe, expect, it } from 'vitest'
import { Clock } from '../core/clock'
import { createTelemetry, type RequestRecord } from './index'

const sleep = { workload: 'sleep', namespace: 'default', app: 'sleep' }
const httpbin = { workload: 'httpbin', namespace: 'default', app: 'httpbin', version: 'v1' }

function req(endMs: number, code = 200): RequestRecord {
  return {
    endMs,
    source: sleep,
    destination: httpbin,
    destinationService: { host: 'httpbin.default.svc.cluster.local', name: 'httpbin', namespace: 'default' },
    protocol: 'http',
    responseCode: code,
    mtls: true,
    reporters: { source: true, destination: true },
    sourceDurationMs: 5,
    requestBytes: 0,
    responseBytes: 100,
  }
}

describe('createTelemetry', () => {
  it('answers PromQL over requests recorded on the session clock', () => {
    const clock = Clock.virtual()
    const tel = createTelemetry()
    for (let i = 0; i < 30; i++) {
      clock.advanceBy(1_000)
      tel.recordRequest(req(clock.now(), i % 10 === 0 ? 503 : 200))
    }
    clock.advanceBy(30_000)
    const res = tel.query('sum by (response_code) (increase(istio_requests_total{reporter="destination"}[1m]))', clock.now())
    expect(res.resultType).toBe('vector')
    const byCode = Object.fromEntries((res as Extract<typeof res, { resultType: 'vector' }>).result.map((r) => [r.metric.response_code, Number(r.value[1])]))
    expect(Object.keys(byCode).sort()).toEqual(['200', '503'])
    expect(byCode['200']! / byCode['503']!).toBeCloseTo(9, 0)
  })

  it('feeds the edge aggregator for the live graph', () => {
    const tel = createTelemetry()
    tel.recordRequest(req(1_000, 200))
    tel.recordRequest(req(1_500, 503))
    expect(tel.edges.flush(2_000)).toMatchObject([{ from: 'default/sleep', to: 'default/httpbin', requests: 2, errors: 1 }])
  })

  it('answers the queries of Istio\'s "Querying Metrics from Prometheus" task', () => {
    const clock = Clock.virtual()
    const tel = createTelemetry()
    const productpage = { workload: 'productpage-v1', namespace: 'default', app: 'productpage', version: 'v1' }
    const reviews3 = { workload: 'reviews-v3', namespace: 'default', app: 'reviews', version: 'v3' }
    const hop = (dst: typeof reviews3, host: string, name: string): RequestRecord => ({
      ...req(clock.now()),
      source: productpage,
      destination: dst,
      destinationService: { host, name, namespace: 'default' },
    })
    for (let i = 0; i < 20; i++) {
      clock.advanceBy(3_000)
      tel.recordRequest({ ...req(clock.now()), source: null, destination: productpage, reporters: { source: false, destination: true }, destinationService: { host: 'productpage.default.svc.cluster.local', name: 'productpage', namespace: 'default' } })
      tel.recordRequest(hop(reviews3, 'reviews.default.svc.cluster.local', 'reviews'))
    }
    clock.advanceBy(15_000)
    const t = clock.now()
    const count = (q: string) => (tel.query(q, t) as { result: unknown[] }).result.length
    expect(count('istio_requests_total')).toBe(3)
    expect(count('istio_requests_total{destination_service="productpage.default.svc.cluster.local"}')).toBe(1)
    expect(count('istio_requests_total{destination_service="reviews.default.svc.cluster.local", destination_version="v3"}')).toBe(2)
    const rate = tel.evaluate('rate(istio_requests_total{destination_service=~"productpage.*", response_code="200"}[5m])', t)
    // 20 requests, all inside the 5m window, counted from the creation zero sample: 20 / 300 s.
    expect(rate.type === 'vector' && rate.samples.length).toBe(1)
    expect(rate.type === 'vector' && rate.samples[0]!.v).toBeCloseTo(20 / 300, 10)
  })

  it('keeps spans, logs and traces bounded by the options', () => {
    const tel = createTelemetry({ maxSpans: 2, maxLogs: 3, maxTraces: 4 })
    for (let i = 0; i < 10; i++) {
      tel.recordSpan({ traceId: 't', spanId: String(i), service: 's', operation: 'o', kind: 'server', startMs: i, durationMs: 1, tags: {} })
      tel.logAccess({ namespace: 'default', pod: 'p' }, { startMs: i, responseCode: 200, bytesReceived: 0, bytesSent: 0, durationMs: 1 })
      tel.recordTrace({ id: String(i), startMs: i, from: 'outside', request: { method: 'GET', authority: 'a', path: '/' }, steps: [] })
    }
    expect(tel.spans.all()).toHaveLength(2)
    expect(tel.accessLogs.linesFor('default', 'p')).toHaveLength(3)
    expect(tel.traces.size).toBe(4)
  })

  it('keeps one Envoy stats object per proxy', () => {
    const tel = createTelemetry()
    const a = tel.proxyStats('default/fortio-1', { prefixes: ['cluster.outbound'] })
    expect(tel.proxyStats('default/fortio-1')).toBe(a)
    a.ensureCluster('outbound|80||x.default.svc.cluster.local')
    expect(a.value('cluster.outbound|80||x.default.svc.cluster.local.upstream_rq_total')).toBe(0)
    tel.removeProxy('default/fortio-1')
    expect(tel.proxyStats('default/fortio-1')).not.toBe(a)
  })

  it('proxyAdmin serves a proxy\'s /stats and its own Istio series on /stats/prometheus', () => {
    const tel = createTelemetry()
    tel.recordRequest(req(1))
    tel.proxyStats('default/sleep-1', { prefixes: ['cluster.outbound'] }).ensureCluster('outbound|8000||httpbin.default.svc.cluster.local')
    const prom = tel.proxyAdmin('default/sleep-1', { workload: 'sleep', namespace: 'default' }, '/stats/prometheus').body
    expect(prom).toContain('istio_requests_total{reporter="source",source_workload="sleep"')
    expect(prom).not.toContain('reporter="destination"')
    const text = tel.proxyAdmin('default/sleep-1', { workload: 'sleep', namespace: 'default' }, '/stats?filter=upstream_rq_total').body
    expect(text).toBe('cluster.outbound|8000||httpbin.default.svc.cluster.local.upstream_rq_total: 0\n')
  })

  it('fork() gives an independent copy: writes to either side stay on that side', () => {
    const tel = createTelemetry({ scrapeIntervalMs: 0 })
    tel.recordRequest(req(1_000))
    tel.proxyStats('default/sleep-1', { prefixes: ['cluster.outbound'] }).ensureCluster('outbound|8000||httpbin.default.svc.cluster.local')
    tel.logAccess({ namespace: 'default', pod: 'sleep-1' }, { startMs: 0, responseCode: 200, bytesReceived: 0, bytesSent: 0, durationMs: 1 })
    const copy = tel.fork()
    copy.recordRequest(req(2_000, 503))
    copy.proxyStats('default/sleep-1').clusterInc('outbound|8000||httpbin.default.svc.cluster.local', 'upstream_rq_total')
    copy.logAccess({ namespace: 'default', pod: 'sleep-1' }, { startMs: 1, responseCode: 503, bytesReceived: 0, bytesSent: 0, durationMs: 1 })
    tel.recordRequest(req(2_500, 200))
    const total = (t: typeof tel) => t.evaluate('sum(istio_requests_total{reporter="source"})', 3_000)
    expect(total(tel)).toEqual({ type: 'vector', samples: [{ labels: {}, v: 2 }] })
    expect(total(copy)).toEqual({ type: 'vector', samples: [{ labels: {}, v: 2 }] })
    expect(tel.evaluate('sum(istio_requests_total{response_code="503"})', 3_000)).toEqual({ type: 'vector', samples: [] })
    expect(copy.proxyStats('default/sleep-1').value('cluster.outbound|8000||httpbin.default.svc.cluster.local.upstream_rq_total')).toBe(1)
    expect(tel.proxyStats('default/sleep-1').value('cluster.outbound|8000||httpbin.default.svc.cluster.local.upstream_rq_total')).toBe(0)
    expect(tel.accessLogs.linesFor('default', 'sleep-1')).toHaveLength(1)
    expect(copy.accessLogs.linesFor('default', 'sleep-1')).toHaveLength(2)
  })

  it('notifies request listeners until their subscription is disposed', () => {
    const tel = createTelemetry()
    const seen: number[] = []
    const sub = tel.onRequest((r) => seen.push(r.responseCode))
    tel.recordRequest(req(1, 200))
    sub.dispose()
    tel.recordRequest(req(2, 503))
    expect(seen).toEqual([200])
  })

  it('dispose() releases everything once; later records are ignored and queries refused', () => {
    const tel = createTelemetry()
    tel.recordSpan({ traceId: 't', spanId: '1', service: 's', operation: 'o', kind: 'server', startMs: 0, durationMs: 1, tags: {} })
    tel.dispose()
    tel.dispose()
    expect(tel.isDisposed).toBe(true)
    expect(tel.spans.all()).toEqual([])
    tel.recordRequest(req(1))
    expect(tel.metrics.size).toBe(0)
    expect(() => tel.query('up', 0)).toThrow(/disposed/)
  })
})
