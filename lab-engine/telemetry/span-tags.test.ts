import { describe, expect, it } from 'vitest'
import { proxySpanTags, spanOperationName, spanServiceName, type SpanTagInput } from './span-tags'

const input: SpanTagInput = {
  nodeId: 'sidecar~10.44.1.23~productpage-v1-abc.default~default.svc.cluster.local',
  requestId: '84961386-6d84-929d-98bd-c5aee93b5c88',
  url: 'http://details:9080/details/0',
  method: 'GET',
  protocol: 'HTTP/1.1',
  requestSize: 0,
  responseSize: 178,
  statusCode: 200,
  peerAddress: '10.44.1.23:45678',
  upstreamCluster: 'outbound|9080||details.default.svc.cluster.local',
  canonicalService: 'productpage',
  canonicalRevision: 'v1',
  namespace: 'default',
}

describe('proxySpanTags', () => {
  it('carries Envoy\'s HTTP tags and Istio\'s custom tags', () => {
    const tags = proxySpanTags(input)
    expect(tags).toMatchObject({
      component: 'proxy',
      'guid:x-request-id': input.requestId,
      'http.status_code': '200',
      response_flags: '-',
      user_agent: '-',
      upstream_cluster: input.upstreamCluster,
      'upstream_cluster.name': input.upstreamCluster,
      'istio.mesh_id': 'cluster.local',
      'istio.canonical_service': 'productpage',
    })
    expect(tags).not.toHaveProperty('error')
  })

  it('marks 5xx and missing responses as errors, with their flags', () => {
    expect(proxySpanTags({ ...input, statusCode: 503, responseFlags: ['UO'] })).toMatchObject({ error: 'true', response_flags: 'UO' })
    expect(proxySpanTags({ ...input, statusCode: 0 }).error).toBe('true')
    expect(proxySpanTags({ ...input, statusCode: 404 })).not.toHaveProperty('error')
  })

  it('names the span service and operation as Istio does', () => {
    expect(spanServiceName('productpage', 'default')).toBe('productpage.default')
    expect(spanOperationName('details.default.svc.cluster.local', 9080)).toBe('details.default.svc.cluster.local:9080/*')
  })
})
