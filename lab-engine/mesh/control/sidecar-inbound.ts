// A sidecar's inbound side: the virtualInbound listener (15006) and `inbound|<port>||` per port services send the pod.
//
// Istio captures inbound traffic on 15006 and picks a chain by destination port: mTLS
// from sidecars (ALPN istio-http/* for HTTP, istio-peer-exchange/istio for TCP) and
// plaintext both reach the same inbound cluster, which forwards to the app on the pod
// (ORIGINAL_DST). Ports no service declares pass through (InboundPassthroughCluster).
// Whether plaintext is accepted is PeerAuthentication's business, decided elsewhere.

import { addInboundCluster, type ClusterSet } from './clusters'
import type { MeshIndex } from './mesh-index'
import { isHttp, type MeshService } from './registry'
import { HTTP_ALPNS } from './static-config'
import type { FilterChain, Listener, ProxyIdentity, RouteConfiguration } from './types'

/** virtualInbound 15006: per inbound port, mTLS and plaintext chains to `inbound|<port>||`, then passthrough chains. */
export function virtualInbound(index: MeshIndex, proxy: ProxyIdentity, set: ClusterSet, routes: Map<string, RouteConfiguration>): Listener {
  const chains: FilterChain[] = []
  for (const { port, protocol } of inboundPorts(index, proxy)) {
    const cluster = addInboundCluster(set, port, protocol)
    if (isHttp(protocol) || protocol === 'UNKNOWN') {
      routes.set(cluster, { name: cluster, virtualHosts: [{ name: `inbound|http|${port}`, domains: ['*'], routes: [{ name: 'default', match: { path: { kind: 'prefix', value: '/' }, headers: [], queryParams: [] }, action: { kind: 'forward', clusters: [{ cluster, weight: 100, host: '', port }], timeoutMs: 0, mirrors: [] } }] }] })
      chains.push({ name: cluster, match: { destinationPort: port, transportProtocol: 'tls', applicationProtocols: ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'] }, destination: { kind: 'inlineRoute', routeConfigName: cluster } })
      chains.push({ name: cluster, match: { destinationPort: port, transportProtocol: 'raw_buffer', applicationProtocols: HTTP_ALPNS }, destination: { kind: 'inlineRoute', routeConfigName: cluster } })
    }
    // Sniffed ports also take non-HTTP bytes (Istio protocol selection: unknown protocols fall back to TCP).
    if (!isHttp(protocol)) {
      chains.push({ name: cluster, match: { destinationPort: port, transportProtocol: 'tls', applicationProtocols: ['istio-peer-exchange', 'istio'] }, destination: { kind: 'cluster', cluster } })
      chains.push({ name: cluster, match: { destinationPort: port, transportProtocol: 'raw_buffer' }, destination: { kind: 'cluster', cluster } })
    }
  }
  const all = ['0.0.0.0/0']
  chains.push(
    { name: 'virtualInbound-blackhole', match: { destinationPort: 15006 }, destination: { kind: 'none' } },
    { name: 'virtualInbound-catchall-http', match: { transportProtocol: 'tls', applicationProtocols: ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'], prefixRanges: all }, destination: { kind: 'cluster', cluster: 'InboundPassthroughCluster' } },
    { name: 'virtualInbound-catchall-http', match: { transportProtocol: 'raw_buffer', applicationProtocols: HTTP_ALPNS, prefixRanges: all }, destination: { kind: 'cluster', cluster: 'InboundPassthroughCluster' } },
    { name: 'virtualInbound', match: { transportProtocol: 'tls', applicationProtocols: ['istio-peer-exchange', 'istio'], prefixRanges: all }, destination: { kind: 'cluster', cluster: 'InboundPassthroughCluster' } },
    { name: 'virtualInbound', match: { transportProtocol: 'raw_buffer', prefixRanges: all }, destination: { kind: 'cluster', cluster: 'InboundPassthroughCluster' } },
    { name: 'virtualInbound', match: { transportProtocol: 'tls', prefixRanges: all }, destination: { kind: 'cluster', cluster: 'InboundPassthroughCluster' } },
  )
  return { name: 'virtualInbound', address: '0.0.0.0', port: 15006, trafficDirection: 'inbound', useOriginalDst: true, filterChains: chains }
}

/** The target ports services send to this pod, with the protocol of the service port. */
function inboundPorts(index: MeshIndex, proxy: ProxyIdentity): { port: number; protocol: MeshService['ports'][number]['protocol'] }[] {
  const found = new Map<number, MeshService['ports'][number]['protocol']>()
  for (const svc of index.services) {
    for (const inst of svc.instances) {
      if (inst.endpoint.pod?.name !== proxy.pod || inst.endpoint.pod.namespace !== proxy.namespace) continue
      for (const sp of svc.ports) {
        const target = inst.portFor.get(sp.port)
        if (target !== undefined && !found.has(target)) found.set(target, sp.protocol)
      }
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([port, protocol]) => ({ port, protocol }))
}
