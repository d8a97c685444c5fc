import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { formatAccessLog } from '../../telemetry'
import type { HopRecord } from '../data/hop'
import { ephemeralPortFor, inboundRecord, isLocalReply, outboundRecord, responseCodeDetails, sniOf } from './hop-access-log'

const pod = (name: string, ip: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'foo', uid: `uid-${name}` }, status: { podIP: ip } }) as unknown as KubeObject

function hop(over: Partial<HopRecord> = {}): HopRecord {
  return {
    startMs: Date.UTC(2020, 10, 25, 21, 26, 18, 409), endMs: Date.UTC(2020, 10, 25, 21, 26, 18, 413),
    source: pod('sleep-1', '10.44.1.23'), destination: pod('httpbin-1', '10.44.1.27'), destinationService: 'httpbin.foo.svc.cluster.local',
    request: {
      method: 'GET', scheme: 'http', authority: 'httpbin:8000', path: '/status/418', body: '', dstIp: '10.44.1.27', dstPort: 80,
      headers: [['user-agent', 'curl/7.73.0-DEV'], ['x-request-id', '84961386-6d84-929d-98bd-c5aee93b5c88']],
    },
    status: 418, flags: [], cluster: 'outbound|8000||httpbin.foo.svc.cluster.local', upstreamHost: '10.44.1.27:80', mtls: true,
    reporters: { source: true, destination: true }, requestBytes: 0, responseBytes: 135,
    ...over,
  }
}

describe('access-log records of a hop (Istio access-log task)', () => {
  it('the client line: outbound cluster, chosen endpoint, the service address as downstream local address', () => {
    const line = formatAccessLog(outboundRecord(hop(), '10.0.45.184:8000'))
    expect(line).toMatch(/^\[2020-11-25T21:26:18\.409Z\] "GET \/status\/418 HTTP\/1\.1" 418 - via_upstream - "-" 0 135 4 4 "-" "curl\/7\.73\.0-DEV" "84961386-6d84-929d-98bd-c5aee93b5c88" "httpbin:8000" "10\.44\.1\.27:80" outbound\|8000\|\|httpbin\.foo\.svc\.cluster\.local 10\.44\.1\.23:\d+ 10\.0\.45\.184:8000 10\.44\.1\.23:\d+ - default$/)
  })

  it('the server line: inbound|<port>||, 127.0.0.6 towards the app, the client address the client line used, the mTLS SNI', () => {
    const h = hop()
    const out = outboundRecord(h, '10.0.45.184:8000')
    const line = formatAccessLog(inboundRecord(h))
    expect(line).toContain(` "10.44.1.27:80" inbound|80|| 127.0.0.6:`)
    expect(line).toContain(` 10.44.1.27:80 ${out.upstreamLocalAddress} outbound_.8000_._.httpbin.foo.svc.cluster.local default`)
  })

  it('plain text leaves the SNI out', () => {
    expect(inboundRecord(hop({ mtls: false })).requestedServerName).toBeUndefined()
  })

  it('a circuit-breaker overflow is a local reply: UO, its details, no upstream host or service time', () => {
    const h = hop({ status: 503, flags: ['UO'], upstreamHost: undefined, destination: undefined, reporters: { source: true, destination: false }, responseBytes: 81 })
    expect(isLocalReply(h)).toBe(true)
    const line = formatAccessLog(outboundRecord(h, undefined))
    expect(line).toMatch(/" 503 UO upstream_reset_before_response_started\{overflow\} - "-" 0 81 4 - "-"/)
    expect(line).toContain('"httpbin:8000" "-" outbound|8000||httpbin.foo.svc.cluster.local - 10.44.1.27:80 ')
  })

  it('response code details follow the flags', () => {
    expect(responseCodeDetails(hop({ status: 500, flags: ['FI'] }))).toBe('fault_filter_abort')
    expect(responseCodeDetails(hop({ status: 504, flags: ['UT'] }))).toBe('response_timeout')
    expect(responseCodeDetails(hop({ status: 404, flags: ['NR'] }))).toBe('route_not_found')
    expect(responseCodeDetails(hop({ status: 200 }))).toBe('via_upstream')
  })

  it('SNI from subsets, ephemeral ports in Linux range and stable', () => {
    expect(sniOf('outbound|9080|v1|reviews.default.svc.cluster.local')).toBe('outbound_.9080_.v1_.reviews.default.svc.cluster.local')
    expect(sniOf('inbound|9080||')).toBeUndefined()
    const p = ephemeralPortFor('x')
    expect(p).toBe(ephemeralPortFor('x'))
    expect(p).toBeGreaterThanOrEqual(32768)
    expect(p).toBeLessThanOrEqual(60999)
  })
})

describe('gateway lines', () => {
  it('an ingress gateway logs its own 8080 listener as downstream local address and no route name', () => {
    const gw = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'istio-ingressgateway-1', namespace: 'istio-system', uid: 'gw' }, spec: { containers: [{ name: 'istio-proxy', args: ['proxy', 'router'] }] }, status: { podIP: '10.244.0.8' } } as unknown as KubeObject
    const h = hop({ source: gw, reporters: { source: true, destination: true } })
    const line = formatAccessLog(outboundRecord(h, '10.0.45.184:8000'))
    expect(line).toMatch(/ outbound\|8000\|\|httpbin\.foo\.svc\.cluster\.local 10\.244\.0\.8:\d+ 10\.244\.0\.8:8080 - - -$/)
  })
})
