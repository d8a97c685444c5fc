import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SimSession } from '../../sim/session'
import { inboundListener, outboundListener, selectFilterChain, selectVirtualHost } from './lookup'
import { apply, bookinfoSession, configOf } from './mesh-fixture.test-util'
import type { RouteConfiguration } from './types'

let s: SimSession
beforeAll(async () => {
  s = await bookinfoSession()
  await apply(s, 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext}\nspec:\n  hosts: [api.example.com]\n  ports: [{number: 443, name: tls, protocol: TLS}]\n  resolution: DNS\n')
}, 30_000)
afterAll(() => s.dispose())

const http = { transportProtocol: 'raw_buffer' as const, applicationProtocols: ['http/1.1'] }
const tcp = { transportProtocol: 'raw_buffer' as const, applicationProtocols: [] }

function clusterIp(name: string, ns = 'default'): string {
  return (s.store.get({ kind: 'Service', name, namespace: ns })!.spec as { clusterIP: string }).clusterIP
}

describe('outbound listener and filter chain', () => {
  it('HTTP to reviews:9080 lands on 0.0.0.0:9080 and its HTTP chain (route 9080)', () => {
    const cfg = configOf(s, 'productpage')
    const l = outboundListener(cfg, clusterIp('reviews'), 9080)!
    expect(l.name).toBe('0.0.0.0_9080')
    expect(selectFilterChain(l, { destinationIp: clusterIp('reviews'), destinationPort: 9080, ...http })!.destination).toEqual({ kind: 'route', routeConfigName: '9080' })
  })

  it('non-HTTP bytes on an HTTP port take the default chain (PassthroughCluster)', () => {
    const l = outboundListener(configOf(s, 'productpage'), '10.1.2.3', 9080)!
    expect(selectFilterChain(l, { destinationIp: '10.1.2.3', destinationPort: 9080, ...tcp })!.destination).toEqual({ kind: 'cluster', cluster: 'PassthroughCluster' })
  })

  it('a TCP service port has its own <clusterIP>_<port> listener; unknown ports fall to virtualOutbound', () => {
    const cfg = configOf(s, 'productpage')
    const ip = clusterIp('istiod', 'istio-system')
    const l = outboundListener(cfg, ip, 15012)!
    expect(l.name).toBe(`${ip}_15012`)
    expect(selectFilterChain(l, { destinationIp: ip, destinationPort: 15012, transportProtocol: 'tls', applicationProtocols: [] })!.destination).toEqual({ kind: 'cluster', cluster: 'outbound|15012||istiod.istio-system.svc.cluster.local' })
    const unknown = outboundListener(cfg, '93.184.216.34', 8443)!
    expect(unknown.name).toBe('virtualOutbound')
    expect(selectFilterChain(unknown, { destinationIp: '93.184.216.34', destinationPort: 8443, ...tcp })!.destination).toEqual({ kind: 'cluster', cluster: 'PassthroughCluster' })
  })

  it('TLS to a ServiceEntry host is chosen by SNI; another SNI takes the catch-all', () => {
    const l = outboundListener(configOf(s, 'productpage'), '1.2.3.4', 443)!
    const tls = { destinationIp: '1.2.3.4', destinationPort: 443, transportProtocol: 'tls' as const, applicationProtocols: [] }
    expect(selectFilterChain(l, { ...tls, serverName: 'api.example.com' })!.destination).toEqual({ kind: 'cluster', cluster: 'outbound|443||api.example.com' })
    expect(selectFilterChain(l, { ...tls, serverName: 'other.org' })!.destination).toEqual({ kind: 'cluster', cluster: 'PassthroughCluster' })
  })
})

describe('inbound filter chain', () => {
  it('mTLS and plaintext HTTP to the app port reach inbound|9080||; other ports pass through', () => {
    const inbound = inboundListener(configOf(s, 'reviews', 'default', 'v1'))!
    const podIp = configOf(s, 'reviews', 'default', 'v1').proxy.ip
    expect(selectFilterChain(inbound, { destinationIp: podIp, destinationPort: 9080, transportProtocol: 'tls', applicationProtocols: ['istio-http/1.1'] })!.destination).toEqual({ kind: 'inlineRoute', routeConfigName: 'inbound|9080||' })
    expect(selectFilterChain(inbound, { destinationIp: podIp, destinationPort: 9080, ...http })!.destination).toEqual({ kind: 'inlineRoute', routeConfigName: 'inbound|9080||' })
    expect(selectFilterChain(inbound, { destinationIp: podIp, destinationPort: 7777, ...tcp })!.destination).toEqual({ kind: 'cluster', cluster: 'InboundPassthroughCluster' })
  })

  it('a port of unknown protocol takes both HTTP (inline route) and raw TCP (inbound cluster)', async () => {
    await apply(s, 'apiVersion: v1\nkind: Service\nmetadata: {name: reviews-raw}\nspec:\n  selector: {app: reviews}\n  ports: [{port: 9091}]\n')
    const cfg = configOf(s, 'reviews', 'default', 'v1')
    const inbound = inboundListener(cfg)!
    expect(selectFilterChain(inbound, { destinationIp: cfg.proxy.ip, destinationPort: 9091, ...http })!.destination).toEqual({ kind: 'inlineRoute', routeConfigName: 'inbound|9091||' })
    expect(selectFilterChain(inbound, { destinationIp: cfg.proxy.ip, destinationPort: 9091, ...tcp })!.destination).toEqual({ kind: 'cluster', cluster: 'inbound|9091||' })
  })
})

describe('virtual host selection', () => {
  const rc: RouteConfiguration = {
    name: 'x',
    virtualHosts: ['exact.example.com', '*.example.com', '*.b.example.com', 'api.*', '*'].map((d) => ({ name: d, domains: [d], routes: [] })),
  }

  it('exact, then the longest suffix wildcard, then prefix wildcard, then "*", ignoring the port', () => {
    expect(selectVirtualHost(rc, 'exact.example.com:8080')!.name).toBe('exact.example.com')
    expect(selectVirtualHost(rc, 'a.b.example.com')!.name).toBe('*.b.example.com')
    expect(selectVirtualHost(rc, 'z.example.com')!.name).toBe('*.example.com')
    expect(selectVirtualHost(rc, 'api.internal')!.name).toBe('api.*')
    expect(selectVirtualHost(rc, 'other.org')!.name).toBe('*')
  })

  it('finds reviews by its short name from a compiled sidecar route', () => {
    const vh = selectVirtualHost(configOf(s, 'productpage').routes.get('9080')!, 'reviews:9080')!
    expect(vh.name).toBe('reviews.default.svc.cluster.local:9080')
    expect(selectVirtualHost(configOf(s, 'productpage').routes.get('9080')!, 'nowhere.test')!.name).toBe('allow_any')
  })
})
