// Virtual hosts of an outbound route configuration: their domains, the VirtualService that owns each, the defaults.
//
// Istio fills a sidecar's virtual host domains with the service's FQDN, its
// `name.namespace.svc` and `name.namespace` forms, the bare short name for services in
// the proxy's own namespace, and the service's addresses (istio.io proxy-cmd docs show
// the 9080 route). Ports are not listed: the connection manager strips the Host
// header's port before matching (Envoy strip_any_host_port, as Istio configures it).
// VirtualService selection: an exact host beats a wildcard and the most specific
// wildcard wins; for the same host on sidecars the oldest VirtualService wins (Istio
// analyzer IST0109: merging is supported only for gateway-bound VirtualServices).
// With no VirtualService, one default route sends everything to the service's cluster.
// The catch-all virtual host is `allow_any` (PassthroughCluster) under ALLOW_ANY and
// `block_all` (direct 502) under REGISTRY_ONLY (Istio outboundTrafficPolicy docs).

import { CLUSTER_DOMAIN } from '../../cluster/dns'
import { outboundClusterName } from './clusters'
import { ruleFor } from './clusters'
import { consistentHash, mergedPolicy } from './destination-rules'
import { fqdn, hostMatches, hostSpecificity } from './hosts'
import { retryOf, type ResolvedDestination } from './http-routes'
import type { IstioDestination, IstioResource, VirtualServiceSpec } from './istio-specs'
import type { MeshIndex } from './mesh-index'
import type { MeshService } from './registry'
import type { ConsistentHash, OutboundTrafficPolicyMode, ProxyIdentity, Route, VirtualHost } from './types'

export function serviceDomains(svc: MeshService, proxyNamespace: string): string[] {
  const suffix = `.${svc.namespace}.svc.${CLUSTER_DOMAIN}`
  if (!svc.hostname.endsWith(suffix)) return [svc.hostname, ...svc.addresses]
  const short = svc.hostname.slice(0, -suffix.length)
  const own = svc.namespace === proxyNamespace ? [short] : []
  return [svc.hostname, ...own, `${short}.${svc.namespace}.svc`, `${short}.${svc.namespace}`, ...svc.addresses]
}

/** The VirtualService (of those given, oldest first) that owns `host` on a sidecar. */
export function virtualServiceForHost(vss: IstioResource<VirtualServiceSpec>[], host: string): { vs: IstioResource<VirtualServiceSpec>; host: string } | undefined {
  let best: { vs: IstioResource<VirtualServiceSpec>; host: string; score: number } | undefined
  for (const vs of vss) {
    for (const full of vs.hosts) {
      if (!hostMatches(full, host)) continue
      const score = hostSpecificity(full)
      if (!best || score > best.score) best = { vs, host: full, score }
    }
  }
  return best && { vs: best.vs, host: best.host }
}

/** Resolves a route destination to its cluster: short names in the VirtualService's namespace, port from the service when it has one. */
export function destinationResolver(index: MeshIndex, vsNamespace: string, listenerPort: number): (d: IstioDestination | undefined) => ResolvedDestination {
  return (d) => {
    const host = fqdn(d?.host ?? '', vsNamespace)
    const svc = index.serviceByHost.get(host)
    const port = d?.port?.number ?? (svc?.ports.length === 1 ? svc.ports[0]!.port : listenerPort)
    return { cluster: outboundClusterName(port, d?.subset, host), host, port, ...(d?.subset ? { subset: d.subset } : {}) }
  }
}

/** DestinationRule consistentHash for the chosen destination, as Envoy's route hash policy. */
export function hashPolicyResolver(index: MeshIndex, proxy: ProxyIdentity): (d: ResolvedDestination) => ConsistentHash | undefined {
  return (d) => {
    const svc = index.serviceByHost.get(d.host)
    if (!svc) return undefined
    return consistentHash(mergedPolicy(ruleFor(index, proxy, svc), d.subset, d.port).loadBalancer?.consistentHash)
  }
}

/** The route Istio generates for a service no VirtualService covers. */
export function defaultRoute(svc: MeshService, port: number, hash?: ConsistentHash): Route {
  const cluster = outboundClusterName(port, undefined, svc.hostname)
  return {
    name: 'default',
    match: { path: { kind: 'prefix', value: '/' }, headers: [], queryParams: [] },
    action: { kind: 'forward', clusters: [{ cluster, weight: 100, host: svc.hostname, port }], timeoutMs: 0, retryPolicy: retryOf(undefined), mirrors: [], ...(hash ? { hashPolicy: hash } : {}) },
  }
}

export function catchAllVirtualHost(mode: OutboundTrafficPolicyMode): VirtualHost {
  const match = { path: { kind: 'prefix' as const, value: '/' }, headers: [], queryParams: [] }
  if (mode === 'REGISTRY_ONLY') {
    return { name: 'block_all', domains: ['*'], routes: [{ name: 'block_all', match, action: { kind: 'directResponse', status: 502 } }] }
  }
  return { name: 'allow_any', domains: ['*'], routes: [{ name: 'allow_any', match, action: { kind: 'forward', clusters: [{ cluster: 'PassthroughCluster', weight: 100, host: '', port: 0 }], timeoutMs: 0, mirrors: [] } }] }
}
