import { describe, expect, it } from 'vitest'
import { ENVOY_DEFAULT_BUCKETS, istioLabels, recordRequest, recordTcpConnection, type RequestRecord } from './istio-metrics'
import { MetricRegistry } from './metrics'
import { evaluatePromQL, vectorValues } from './promql'

const T0 = Date.UTC(2026, 0, 1)

const sleep = { workload: 'sleep', namespace: 'default', app: 'sleep', principal: 'spiffe://cluster.local/ns/default/sa/sleep' }
const httpbin = { workload: 'httpbin', namespace: 'default', app: 'httpbin', version: 'v1', principal: 'spiffe://cluster.local/ns/default/sa/httpbin' }

function request(over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    endMs: T0 + 1_000,
    source: sleep,
    destination: httpbin,
    destinationService: { host: 'httpbin.default.svc.cluster.local', name: 'httpbin', namespace: 'default' },
    protocol: 'http',
    responseCode: 200,
    mtls: true,
    reporters: { source: true, destination: true },
    sourceDurationMs: 12,
    destinationDurationMs: 9,
    requestBytes: 0,
    responseBytes: 135,
    ...over,
  }
}

describe('istioLabels', () => {
  it('fills the standard labels for the destination reporter of an mTLS request', () => {
    expect(istioLabels(request(), 'destination')).toEqual({
      reporter: 'destination',
      source_workload: 'sleep',
      source_canonical_service: 'sleep',
      source_canonical_revision: 'latest',
      source_workload_namespace: 'default',
      source_principal: 'spiffe://cluster.local/ns/default/sa/sleep',
      source_app: 'sleep',
      source_version: 'unknown',
      source_cluster: 'Kubernetes',
      destination_workload: 'httpbin',
      destination_workload_namespace: 'default',
      destination_principal: 'spiffe://cluster.local/ns/default/sa/httpbin',
      destination_app: 'httpbin',
      destination_version: 'v1',
      destination_service: 'httpbin.default.svc.cluster.local',
      destination_canonical_service: 'httpbin',
      destination_canonical_revision: 'v1',
      destination_service_name: 'httpbin',
      destination_service_namespace: 'default',
      destination_cluster: 'Kubernetes',
      request_protocol: 'http',
      response_code: '200',
      response_flags: '-',
      connection_security_policy: 'mutual_tls',
    })
  })

  it('the source reporter says unknown for the security policy; plaintext has no principals', () => {
    expect(istioLabels(request(), 'source').connection_security_policy).toBe('unknown')
    const plain = istioLabels(request({ mtls: false }), 'destination')
    expect(plain.connection_security_policy).toBe('none')
    expect(plain.source_principal).toBe('unknown')
  })

  it('a missing version label is absent on the reporter\'s side and unknown on the peer\'s', () => {
    expect(istioLabels(request(), 'source').source_version).toBe('')
    expect(istioLabels(request(), 'destination').source_version).toBe('unknown')
    const noVersion = { ...httpbin, version: undefined }
    expect(istioLabels(request({ destination: noVersion }), 'destination').destination_version).toBe('')
    expect(istioLabels(request({ destination: noVersion }), 'source').destination_version).toBe('unknown')
  })

  it('an unknown caller and response flags', () => {
    const l = istioLabels(request({ source: null, responseFlags: ['UO'] }), 'destination')
    expect(l.source_workload).toBe('unknown')
    expect(l.source_app).toBe('unknown')
    expect(l.response_flags).toBe('UO')
  })

  it('gRPC gets grpc_response_status; TCP has no response_code', () => {
    expect(istioLabels(request({ protocol: 'grpc', grpcStatus: '14' }), 'source').grpc_response_status).toBe('14')
    expect(istioLabels(request({ protocol: 'tcp' }), 'source')).not.toHaveProperty('response_code')
  })
})

describe('recordRequest', () => {
  it('records one sample set per reporter that saw the request', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    recordRequest(reg, request())
    recordRequest(reg, request({ responseCode: 503, responseFlags: ['UO'], reporters: { source: true, destination: false } }))
    recordRequest(reg, request({ source: null, reporters: { source: false, destination: true } }))
    const t = T0 + 2_000
    const byReporter = vectorValues(evaluatePromQL(reg, 'sum by (reporter) (istio_requests_total)', t))
    expect(byReporter).toEqual([
      { labels: { reporter: 'destination' }, value: 2 },
      { labels: { reporter: 'source' }, value: 2 },
    ])
    const flags = vectorValues(evaluatePromQL(reg, 'istio_requests_total{response_flags="UO"}', t))
    expect(flags.map((f) => f.labels.reporter)).toEqual(['source'])
  })

  it('observes each reporter its own duration in Envoy default buckets', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    recordRequest(reg, request())
    const t = T0 + 2_000
    const sums = vectorValues(evaluatePromQL(reg, 'istio_request_duration_milliseconds_sum', t))
    expect(sums.map((s) => [s.labels.reporter, s.value])).toEqual([
      ['destination', 9],
      ['source', 12],
    ])
    const buckets = vectorValues(evaluatePromQL(reg, 'istio_request_duration_milliseconds_bucket{reporter="source"}', t))
    expect(buckets).toHaveLength(ENVOY_DEFAULT_BUCKETS.length + 1)
    const le10 = buckets.find((b) => b.labels.le === '10')!
    const le25 = buckets.find((b) => b.labels.le === '25')!
    expect([le10.value, le25.value]).toEqual([0, 1])
    expect(vectorValues(evaluatePromQL(reg, 'sum(istio_response_bytes_sum)', t))[0]!.value).toBe(270)
  })
})

describe('recordTcpConnection', () => {
  it('counts opened and closed connections and bytes each way', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    recordTcpConnection(reg, { ...request({ protocol: 'tcp', requestBytes: 10, responseBytes: 300 }), closed: true })
    recordTcpConnection(reg, { ...request({ protocol: 'tcp', requestBytes: 5, responseBytes: 0 }), closed: false })
    const t = T0 + 2_000
    const q = (m: string) => vectorValues(evaluatePromQL(reg, `sum(${m}{reporter="destination"})`, t))[0]!.value
    expect(q('istio_tcp_connections_opened_total')).toBe(2)
    expect(q('istio_tcp_connections_closed_total')).toBe(1)
    expect(q('istio_tcp_received_bytes_total')).toBe(15)
    expect(q('istio_tcp_sent_bytes_total')).toBe(300)
    expect(vectorValues(evaluatePromQL(reg, 'istio_tcp_sent_bytes_total{reporter="source"}', t))[0]!.labels.request_protocol).toBe('tcp')
  })
})
