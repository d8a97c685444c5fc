import { describe, expect, it } from 'vitest'
import { DecisionRecorder, explainDecisionTrace, type DecisionTrace } from './decision-trace'

const CLUSTER = 'outbound|8080||httpbin.default.svc.cluster.local'
const head = { id: 'req-1', startMs: 0, from: 'default/fortio-1', request: { method: 'GET', authority: 'httpbin:8080', path: '/get' } }

describe('explainDecisionTrace', () => {
  it('names the circuit breaker, the limit and how full it was', () => {
    const rec = new DecisionRecorder(head)
    rec.add({ kind: 'listener', proxy: 'fortio-1', direction: 'outbound', name: '0.0.0.0_8080', matched: true })
    rec.add({ kind: 'route', proxy: 'fortio-1', routeConfig: '8080', matched: true })
    rec.add({ kind: 'destination', cluster: CLUSTER, found: true })
    const cb = rec.add({ kind: 'connectionPool', cluster: CLUSTER, outcome: 'rejected', limit: 'http1MaxPendingRequests', limitValue: 1, inUse: 1 })
    const lines = explainDecisionTrace(rec.finish({ status: 503, responseFlags: ['UO'], decidedBy: cb }))
    expect(lines[0]).toBe(`503: the circuit breaker on ${CLUSTER} rejected the request: 1 request was already pending and http1MaxPendingRequests is 1`)
    expect(lines.slice(1)).toEqual([
      '1. the outbound listener 0.0.0.0_8080 on fortio-1 took the request',
      '2. the default route for the service in 8080 on fortio-1 matched (no VirtualService applies)',
      `3. sent to cluster ${CLUSTER}`,
      `4. the circuit breaker on ${CLUSTER} rejected the request: 1 request was already pending and http1MaxPendingRequests is 1`,
    ])
  })

  it('infers the deciding step when the data plane did not mark one', () => {
    const trace: DecisionTrace = {
      ...head,
      steps: [
        { kind: 'route', proxy: 'sleep-1', routeConfig: '8000', matched: true, virtualService: { kind: 'VirtualService', namespace: 'default', name: 'httpbin' }, ruleIndex: 0 },
        { kind: 'tls', side: 'client', mode: 'ISTIO_MUTUAL', result: 'mtls', decidedBy: 'auto-mtls' },
        { kind: 'authz', action: 'DENY', result: 'denied', policy: { kind: 'AuthorizationPolicy', namespace: 'foo', name: 'deny-get' }, ruleIndex: 0 },
        { kind: 'note', text: 'the app was never called' },
      ],
      outcome: { status: 403 },
    }
    expect(explainDecisionTrace(trace)[0]).toBe('403: authorization denied the request: DENY policy AuthorizationPolicy foo/deny-get rule 0 matched')
  })

  it('falls back to the app that answered for a successful request', () => {
    const trace: DecisionTrace = {
      ...head,
      steps: [
        { kind: 'weight', choices: [{ destination: 'reviews v1', weight: 90 }, { destination: 'reviews v3', weight: 10 }], draw: 93, chosen: 1 },
        { kind: 'app', workload: 'reviews-v3', namespace: 'default', status: 200 },
      ],
      outcome: { status: 200 },
    }
    const lines = explainDecisionTrace(trace)
    expect(lines[0]).toBe('200: reviews-v3 (default) answered 200')
    expect(lines[1]).toBe('1. weighted split (reviews v1 90, reviews v3 10): drew 93 of 100, so reviews v3 was chosen')
  })

  it('explains connection-level failures with the curl exit code', () => {
    const trace: DecisionTrace = {
      ...head,
      from: 'outside',
      steps: [{ kind: 'tls', side: 'server', mode: 'STRICT', result: 'rejected', decidedBy: { kind: 'PeerAuthentication', namespace: 'istio-system', name: 'default' }, reason: 'the client sent plain text' }],
      outcome: { status: 0, curlExit: 56 },
    }
    expect(explainDecisionTrace(trace)[0]).toBe(
      'no response (curl exit 56): the server sidecar refused the connection (mode STRICT from PeerAuthentication istio-system/default): the client sent plain text',
    )
  })

  it('describes faults, retries, outlier ejection, routes and egress', () => {
    const vs = { kind: 'VirtualService', namespace: 'default', name: 'ratings' }
    const trace: DecisionTrace = {
      ...head,
      steps: [
        { kind: 'route', proxy: 'reviews-v2', routeConfig: '9080', matched: true, virtualService: vs, ruleIndex: 0, ruleName: 'jason', matchedOn: 'header end-user=jason' },
        { kind: 'fault', fault: 'delay', percentage: 100, applied: true, delayMs: 7000, virtualService: vs },
        { kind: 'retry', attempt: 1, maxAttempts: 3, reason: 'the upstream answered 503', retryOn: '5xx' },
        { kind: 'outlier', cluster: CLUSTER, event: 'ejected', endpoint: '10.0.0.7:8080', consecutiveErrors: 1, threshold: 1, ejectionMs: 180000 },
        { kind: 'egress', host: 'edition.cnn.com', policy: 'REGISTRY_ONLY', allowed: false },
      ],
      outcome: { status: 502 },
    }
    const lines = explainDecisionTrace(trace)
    expect(lines[0]).toMatch(/^502: edition\.cnn\.com is not in the service registry and outboundTrafficPolicy is REGISTRY_ONLY/)
    expect(lines[1]).toBe('1. VirtualService default/ratings rule 0 "jason" matched on header end-user=jason (the first matching rule wins)')
    expect(lines[2]).toBe('2. fault injection from VirtualService default/ratings applied a 7000 ms delay (percentage 100)')
    expect(lines[3]).toBe('3. attempt 2 of 3: retried because the upstream answered 503 (retryOn: 5xx)')
    expect(lines[4]).toBe(`4. outlier detection ejected 10.0.0.7:8080 of ${CLUSTER} after 1 consecutive error (consecutive5xxErrors is 1) for 180000 ms`)
  })

  it('describes redirects, rewrites and mirroring', () => {
    const trace: DecisionTrace = {
      ...head,
      steps: [
        { kind: 'rewrite', uri: { from: '/v1/get', to: '/get' } },
        { kind: 'mirror', cluster: 'outbound|8000|v2|httpbin.default.svc.cluster.local', percentage: 100, sent: true },
        { kind: 'redirect', location: 'http://httpbin:8000/anything', status: 301 },
      ],
      outcome: { status: 301 },
    }
    const lines = explainDecisionTrace(trace)
    expect(lines.slice(1)).toEqual([
      '1. the route rewrote the path from /v1/get to /get before forwarding',
      '2. a copy of the request was mirrored to outbound|8000|v2|httpbin.default.svc.cluster.local (mirrorPercentage 100); its response is discarded',
      '3. the route answered with a 301 redirect to http://httpbin:8000/anything (HTTPRedirect; the upstream was not called)',
    ])
    expect(lines[0]).toBe('301: ' + lines[3]!.slice(3))
  })

  it('pluralises the pool usage', () => {
    const trace: DecisionTrace = { ...head, steps: [{ kind: 'connectionPool', cluster: 'c', outcome: 'rejected', limit: 'http2MaxRequests', limitValue: 2, inUse: 2 }], outcome: { status: 503 } }
    expect(explainDecisionTrace(trace)[0]).toBe('503: the circuit breaker on c rejected the request: 2 requests were already active and http2MaxRequests is 2')
  })
})
