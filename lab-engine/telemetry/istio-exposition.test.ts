import { describe, expect, it } from 'vitest'
import { EnvoyStats } from './envoy-stats'
import { g32, istioExpositionFor } from './istio-exposition'
import { recordRequest, recordTcpConnection, type RequestRecord } from './istio-metrics'
import { MetricRegistry } from './metrics'

const T0 = Date.UTC(2026, 0, 1)
const webapp = { workload: 'webapp', namespace: 'istioinaction', app: 'webapp', principal: 'spiffe://cluster.local/ns/istioinaction/sa/webapp' }
const gateway = {
  workload: 'istio-ingressgateway',
  namespace: 'istio-system',
  app: 'istio-ingressgateway',
  principal: 'spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
}

function fromGateway(over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    endMs: T0,
    source: gateway,
    destination: webapp,
    destinationService: { host: 'webapp.istioinaction.svc.cluster.local', name: 'webapp', namespace: 'istioinaction' },
    protocol: 'http',
    responseCode: 200,
    mtls: true,
    reporters: { source: true, destination: true },
    sourceDurationMs: 3,
    requestBytes: 0,
    responseBytes: 10,
    ...over,
  }
}

describe('istioExpositionFor', () => {
  it('prints the destination report with Envoy\'s tag order and empty tags as ""', () => {
    const reg = new MetricRegistry()
    recordRequest(reg, fromGateway())
    const { counters } = istioExpositionFor(reg, { workload: 'webapp', namespace: 'istioinaction' })
    expect(counters).toBe(
      '# TYPE istio_requests_total counter\n' +
        'istio_requests_total{reporter="destination",source_workload="istio-ingressgateway",source_canonical_service="istio-ingressgateway",' +
        'source_canonical_revision="latest",source_workload_namespace="istio-system",' +
        'source_principal="spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",source_app="istio-ingressgateway",' +
        'source_version="unknown",source_cluster="Kubernetes",destination_workload="webapp",destination_workload_namespace="istioinaction",' +
        'destination_principal="spiffe://cluster.local/ns/istioinaction/sa/webapp",destination_app="webapp",destination_version="",' +
        'destination_service="webapp.istioinaction.svc.cluster.local",destination_canonical_service="webapp",destination_canonical_revision="latest",' +
        'destination_service_name="webapp",destination_service_namespace="istioinaction",destination_cluster="Kubernetes",request_protocol="http",' +
        'response_code="200",grpc_response_status="",response_flags="-",connection_security_policy="mutual_tls"} 1\n\n',
    )
  })

  it('each proxy shows only what it reported', () => {
    const reg = new MetricRegistry()
    recordRequest(reg, fromGateway())
    const gw = istioExpositionFor(reg, { workload: 'istio-ingressgateway', namespace: 'istio-system' }).counters
    expect(gw).toContain('reporter="source"')
    expect(gw).not.toContain('reporter="destination"')
    expect(istioExpositionFor(reg, { workload: 'other', namespace: 'x' })).toEqual({ counters: '', histograms: '' })
  })

  it('histograms print every bound with %.32g, then +Inf, sum and count', () => {
    const reg = new MetricRegistry()
    recordRequest(reg, fromGateway({ sourceDurationMs: 7 }))
    const h = istioExpositionFor(reg, { workload: 'istio-ingressgateway', namespace: 'istio-system' }, /duration/).histograms
    const lines = h.trim().split('\n')
    expect(lines[0]).toBe('# TYPE istio_request_duration_milliseconds histogram')
    expect(lines.filter((l) => l.includes('_bucket'))).toHaveLength(20)
    expect(lines.find((l) => l.includes('le="5"'))!.endsWith(' 0')).toBe(true)
    expect(lines.find((l) => l.includes('le="10"'))!.endsWith(' 1')).toBe(true)
    expect(lines.find((l) => l.includes('le="3600000"'))).toBeDefined()
    expect(lines.at(-2)).toMatch(/^istio_request_duration_milliseconds_sum\{.*\} 7$/)
    expect(lines.at(-1)).toMatch(/^istio_request_duration_milliseconds_count\{.*\} 1$/)
  })

  it('TCP families have no response_code or grpc_response_status tags', () => {
    const reg = new MetricRegistry()
    recordTcpConnection(reg, { ...fromGateway({ protocol: 'tcp', requestBytes: 5 }), closed: false })
    const c = istioExpositionFor(reg, { workload: 'webapp', namespace: 'istioinaction' }).counters
    expect(c).toContain('# TYPE istio_tcp_received_bytes_total counter')
    expect(c).not.toContain('response_code=')
    expect(c).toContain('request_protocol="tcp"')
  })

  it('slots into Envoy\'s page: Istio counters after Envoy counters, histograms last', () => {
    const reg = new MetricRegistry()
    recordRequest(reg, fromGateway())
    const stats = new EnvoyStats({ inclusion: 'all' })
    stats.inc('cluster.a.upstream_rq_total')
    stats.set('server.live', 1)
    const page = stats.handleAdmin('/stats/prometheus', (f) => istioExpositionFor(reg, { workload: 'webapp', namespace: 'istioinaction' }, f)).body
    const order = ['envoy_cluster_upstream_rq_total', 'istio_requests_total', 'envoy_server_live', 'istio_request_bytes'].map((m) => page.indexOf(`# TYPE ${m}`))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })
})

describe('g32', () => {
  it('prints like C %.32g', () => {
    expect(g32(3600000)).toBe('3600000')
    expect(g32(0.5)).toBe('0.5')
    expect(g32(0.1 + 0.2)).toBe('0.30000000000000004440892098500626')
  })
})
