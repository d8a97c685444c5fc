import { describe, expect, it } from 'vitest'
import { EnvoyStats, ISTIO_DEFAULT_CIRCUIT_LIMIT, prometheusName } from './envoy-stats'

const HTTPBIN = 'outbound|8000||httpbin.default.svc.cluster.local'

/** The fortio client of Istio's circuit-breaking task: its annotation adds cluster.outbound to the matcher. */
function fortioProxy(): EnvoyStats {
  const stats = new EnvoyStats({ extra: { prefixes: ['cluster.outbound', 'cluster_manager', 'listener_manager', 'server', 'cluster.xds-grpc'] } })
  stats.ensureCluster(HTTPBIN, { limits: { maxConnections: 1, maxPendingRequests: 1 } })
  return stats
}

describe('EnvoyStats', () => {
  it('prints the circuit-breaking task lines, sorted by name, for grep pending', () => {
    const stats = fortioProxy()
    for (let i = 0; i < 29; i++) stats.clusterInc(HTTPBIN, 'upstream_rq_pending_total')
    for (let i = 0; i < 21; i++) stats.clusterInc(HTTPBIN, 'upstream_rq_pending_overflow')
    const lines = stats.renderText().split('\n').filter((l) => l.includes('httpbin') && l.includes('pending'))
    expect(lines).toEqual([
      `cluster.${HTTPBIN}.circuit_breakers.default.remaining_pending: 1`,
      `cluster.${HTTPBIN}.circuit_breakers.default.rq_pending_open: 0`,
      `cluster.${HTTPBIN}.circuit_breakers.high.rq_pending_open: 0`,
      `cluster.${HTTPBIN}.upstream_rq_pending_active: 0`,
      `cluster.${HTTPBIN}.upstream_rq_pending_failure_eject: 0`,
      `cluster.${HTTPBIN}.upstream_rq_pending_overflow: 21`,
      `cluster.${HTTPBIN}.upstream_rq_pending_total: 29`,
    ])
  })

  it('Istio\'s default matcher hides outbound cluster stats unless a prefix adds them', () => {
    const plain = new EnvoyStats()
    plain.ensureCluster(HTTPBIN)
    plain.clusterInc(HTTPBIN, 'upstream_rq_total')
    plain.ensureCluster('xds-grpc')
    expect(plain.value(`cluster.${HTTPBIN}.upstream_rq_total`)).toBeUndefined()
    expect(plain.value('cluster.xds-grpc.upstream_rq_total')).toBe(0)
    expect(plain.value('cluster.xds-grpc.circuit_breakers.default.remaining_rq')).toBe(ISTIO_DEFAULT_CIRCUIT_LIMIT)
    const all = new EnvoyStats({ inclusion: 'all' })
    all.ensureCluster(HTTPBIN)
    expect(all.value(`cluster.${HTTPBIN}.upstream_rq_total`)).toBe(0)
  })

  it('filter is a regex searched in the name; usedonly hides untouched stats', () => {
    const stats = fortioProxy()
    stats.clusterInc(HTTPBIN, 'upstream_rq_retry', 3)
    expect(stats.renderText({ filter: 'retry$' })).toBe(`cluster.${HTTPBIN}.upstream_rq_retry: 3\n`)
    expect(stats.renderText({ usedOnly: true })).toBe(`cluster.${HTTPBIN}.upstream_rq_retry: 3\n`)
  })

  it('outlier detection stats exist only for clusters that have it', () => {
    const stats = fortioProxy()
    expect(stats.value(`cluster.${HTTPBIN}.outlier_detection.ejections_active`)).toBeUndefined()
    stats.ensureCluster(HTTPBIN, { outlierDetection: true })
    stats.add(`cluster.${HTTPBIN}.outlier_detection.ejections_active`, 1)
    stats.clusterInc(HTTPBIN, 'outlier_detection.ejections_total')
    expect(stats.value(`cluster.${HTTPBIN}.outlier_detection.ejections_active`)).toBe(1)
    expect(stats.value(`cluster.${HTTPBIN}.outlier_detection.ejections_total`)).toBe(1)
  })

  it('counts responses by code and class', () => {
    const stats = fortioProxy()
    stats.recordUpstreamResponse(HTTPBIN, 503)
    stats.recordUpstreamResponse(HTTPBIN, 200)
    stats.recordUpstreamResponse(HTTPBIN, 503)
    expect(stats.value(`cluster.${HTTPBIN}.upstream_rq_503`)).toBe(2)
    expect(stats.value(`cluster.${HTTPBIN}.upstream_rq_5xx`)).toBe(2)
    expect(stats.value(`cluster.${HTTPBIN}.upstream_rq_completed`)).toBe(3)
  })

  it('serves admin paths with Envoy\'s statuses', () => {
    const stats = fortioProxy()
    expect(stats.handleAdmin('/stats?filter=(')).toEqual({ status: 400, body: 'Invalid re2 regex' })
    expect(stats.handleAdmin('/stats?filter=remaining_cx').body).toBe(`cluster.${HTTPBIN}.circuit_breakers.default.remaining_cx: 1\n`)
    expect(stats.handleAdmin('/stats/prometheus?filter=remaining_cx').body).toContain('envoy_cluster_circuit_breakers_default_remaining_cx{')
    expect(stats.handleAdmin('/nope').status).toBe(404)
  })
})

describe('Prometheus rendering', () => {
  it('extracts Istio\'s cluster_name and response code tags', () => {
    expect(prometheusName(`cluster.${HTTPBIN}.upstream_rq_total`)).toEqual({ metric: 'envoy_cluster_upstream_rq_total', tags: `cluster_name="${HTTPBIN}"` })
    expect(prometheusName(`cluster.${HTTPBIN}.upstream_rq_200`)).toEqual({ metric: 'envoy_cluster_upstream_rq', tags: `response_code="200",cluster_name="${HTTPBIN}"` })
    expect(prometheusName('cluster.xds-grpc.upstream_rq_5xx')).toEqual({ metric: 'envoy_cluster_upstream_rq', tags: 'response_code_class="5xx",cluster_name="xds-grpc"' })
    expect(prometheusName('server.live')).toEqual({ metric: 'envoy_server_live', tags: '' })
  })

  it('groups counters then gauges under # TYPE lines with a blank line after each group', () => {
    const stats = new EnvoyStats({ inclusion: 'all' })
    stats.inc('cluster.a.upstream_rq_200', 2)
    stats.inc('cluster.b.upstream_rq_200')
    stats.set('server.live', 1)
    expect(stats.renderPrometheus()).toBe(
      [
        '# TYPE envoy_cluster_upstream_rq counter',
        'envoy_cluster_upstream_rq{response_code="200",cluster_name="a"} 2',
        'envoy_cluster_upstream_rq{response_code="200",cluster_name="b"} 1',
        '',
        '# TYPE envoy_server_live gauge',
        'envoy_server_live{} 1',
        '',
        '',
      ].join('\n'),
    )
  })
})
