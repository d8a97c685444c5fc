import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { Rng } from '../../core/rng'
import type { HopRecord } from '../data/hop'
import { HopSpans } from './hop-spans'

const pod = (name: string, app: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app } }, status: { podIP: '10.0.0.1' } }) as unknown as KubeObject
const RID = '0f8fad5b-d9cb-469f-a165-70867728950e'

function hop(source: KubeObject, destination: KubeObject, headers: [string, string][], startMs: number, endMs: number): HopRecord {
  return {
    startMs, endMs, source, destination, destinationService: `${destination.metadata.labels!.app}.default.svc.cluster.local`,
    request: { method: 'GET', scheme: 'http', authority: 'x:9080', path: '/', body: '', dstIp: '10.0.0.2', dstPort: 9080, headers },
    status: 200, flags: [], cluster: 'outbound|9080||x', upstreamHost: '10.0.0.2:9080', mtls: true,
    reporters: { source: true, destination: true }, requestBytes: 0, responseBytes: 10,
  }
}

describe('spans of hops (Istio distributed tracing)', () => {
  it('without trace headers the x-request-id is the trace id; a client and a server span per hop', () => {
    const spans = new HopSpans(Rng.seeded(1)).spansFor(hop(pod('sleep', 'sleep'), pod('pp', 'productpage'), [['x-request-id', RID]], 0, 10))
    expect(spans.map((s) => [s.kind, s.service])).toEqual([['client', 'sleep.default'], ['server', 'productpage.default']])
    expect(spans[0]!.traceId).toBe(RID.replace(/-/g, ''))
    expect(spans[1]!.parentSpanId).toBe(spans[0]!.spanId)
    expect(spans[0]!.operation).toBe('productpage.default.svc.cluster.local:9080/*')
  })

  it('an inner call made while a server span was open becomes its child once that span is known', () => {
    const tracer = new HopSpans(Rng.seeded(2))
    const pp = pod('pp', 'productpage')
    const inner = tracer.spansFor(hop(pp, pod('d', 'details'), [['x-request-id', RID]], 2, 4))
    const outer = tracer.spansFor(hop(pod('sleep', 'sleep'), pp, [['x-request-id', RID]], 0, 10))
    const ppServer = outer.find((s) => s.kind === 'server')!
    expect(inner[0]!.parentSpanId).toBe(ppServer.spanId)
  })

  it('B3 headers continue the caller\'s trace; x-b3-sampled: 0 records nothing', () => {
    const tracer = new HopSpans(Rng.seeded(3))
    const b3: [string, string][] = [['x-b3-traceid', '463ac35c9f6413ad48485a3953bb6124'], ['x-b3-spanid', 'a2fb4a1d1a96d312'], ['x-b3-sampled', '1']]
    const spans = tracer.spansFor(hop(pod('a', 'a'), pod('b', 'b'), b3, 0, 1))
    expect(spans[0]).toMatchObject({ traceId: '463ac35c9f6413ad48485a3953bb6124', parentSpanId: 'a2fb4a1d1a96d312' })
    const off = tracer.spansFor(hop(pod('a', 'a'), pod('b', 'b'), [...b3.slice(0, 2), ['x-b3-sampled', '0']], 0, 1))
    expect(off).toEqual([])
  })

  it('span tags (built when first read) name the proxy, the request and each side\'s peer and cluster', () => {
    const [client, server] = new HopSpans(Rng.seeded(4)).spansFor(hop(pod('sleep', 'sleep'), pod('pp', 'productpage'), [['x-request-id', RID], ['user-agent', 'curl/8.11.1']], 0, 10))
    expect(client!.tags).toMatchObject({
      node_id: 'sidecar~10.0.0.1~sleep.default~default.svc.cluster.local', 'guid:x-request-id': RID, 'http.url': 'http://x:9080/',
      user_agent: 'curl/8.11.1', 'peer.address': '10.0.0.2:9080', upstream_cluster: 'outbound|9080||x', 'istio.canonical_service': 'sleep', response_size: '10',
    })
    expect(server!.tags).toMatchObject({ node_id: 'sidecar~10.0.0.1~pp.default~default.svc.cluster.local', 'peer.address': '10.0.0.1:0', upstream_cluster: 'inbound|9080||', 'istio.canonical_service': 'productpage' })
    expect(client!.tags).toBe(client!.tags)
    expect(Object.keys(client!)).toContain('tags')
  })

  it('a different x-request-id on the next hop starts a different trace; a malformed one starts none', () => {
    const tracer = new HopSpans(Rng.seeded(5))
    const other = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'
    const first = tracer.spansFor(hop(pod('a', 'a'), pod('b', 'b'), [['x-request-id', RID]], 0, 1))
    const second = tracer.spansFor(hop(pod('a', 'a'), pod('b', 'b'), [['x-request-id', other]], 0, 1))
    expect(first[0]!.traceId).toBe(RID.replace(/-/g, ''))
    expect(second[0]!.traceId).toBe(other.replace(/-/g, ''))
    expect(tracer.spansFor(hop(pod('a', 'a'), pod('b', 'b'), [['x-request-id', 'not-a-uuid']], 0, 1))).toEqual([])
  })
})
