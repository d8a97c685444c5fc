// Compiles one sidecar's config: outbound listeners/routes/clusters for what it may see, inbound for its own ports.
//
// What a sidecar sees (Istio "Sidecar" and "exportTo" docs): services exported to its
// namespace and allowed by its Sidecar resource's egress; VirtualServices exported to its
// namespace that apply to the mesh (no `gateways`, or the `mesh` keyword). Listener
// layout follows istio.io's proxy-cmd walkthrough: virtualOutbound 0.0.0.0:15001 and
// virtualInbound 0.0.0.0:15006 capture traffic; HTTP service ports get a shared
// 0.0.0.0:<port> listener whose route configuration "<port>" has one virtual host per
// service; TCP ports get a <clusterIP>:<port> listener straight to the cluster; ports of
// unknown protocol are sniffed (HTTP to route "<host>:<port>", the rest to the cluster).

import { exportedTo, hostMatches } from './hosts'
import { addOutboundClusters, addStaticClusters, workloadRuleKey, type ClusterSet } from './clusters'
import { gatewayName, httpRoutes } from './http-routes'
import type { MeshIndex } from './mesh-index'
import { isHttp, type MeshService } from './registry'
import { virtualInbound } from './sidecar-inbound'
import { sidecarScopeFor, type SidecarScope } from './sidecar-scope'
import { addStaticListeners, HTTP_SNIFF_MATCH, policyCluster } from './static-config'
import { tcpRouteDestination } from './tcp-routes'
import type { ChainDestination, FilterChain, Listener, ProxyConfig, ProxyIdentity, RouteConfiguration, VirtualHost } from './types'
import { catchAllVirtualHost, defaultRoute, destinationResolver, hashPolicyResolver, serviceDomains, virtualServiceForHost } from './virtual-hosts'

/** The outbound half of a sidecar's config, shared by every sidecar with the same view of the mesh. */
interface OutboundView {
  scope: SidecarScope
  set: ClusterSet
  routes: Map<string, RouteConfiguration>
  listeners: Listener[]
}

export function compileSidecar(index: MeshIndex, proxy: ProxyIdentity): ProxyConfig {
  const view = outboundView(index, proxy)
  const set: ClusterSet = { clusters: new Map(view.set.clusters), endpoints: new Map(view.set.endpoints) }
  const routes = new Map(view.routes)
  const listeners = [...view.listeners, virtualInbound(index, proxy, set, routes)]
  return {
    proxy, listeners, routes, clusters: set.clusters, endpoints: set.endpoints,
    outboundTrafficPolicy: view.scope.outboundTrafficPolicy,
    ...(view.scope.ref ? { sidecarScope: view.scope.ref } : {}),
  }
}

/**
 * Sidecars see the same outbound config when they share a namespace, a Sidecar
 * resource and the workload-selector DestinationRules that select them (and, only if
 * some VirtualService matches on sourceLabels, their labels) -- Istio's SidecarScope.
 * The view is built once per such key and shared; its objects must be treated as read-only.
 */
function outboundView(index: MeshIndex, proxy: ProxyIdentity): OutboundView {
  const scope = sidecarScopeFor(index.sidecars, proxy.namespace, proxy.labels, index.mesh)
  const labels = index.usesSourceLabels ? JSON.stringify(Object.entries(proxy.labels).sort()) : ''
  const key = `view|${workloadRuleKey(index, proxy)}|${scope.ref ? `${scope.ref.namespace}/${scope.ref.name}` : ''}|${labels}`
  const hit = index.memo.get(key) as OutboundView | undefined
  if (hit) return hit
  const services = index.services.filter((s) => exportedTo(s.exportTo, index.mesh.defaultServiceExportTo, s.namespace, proxy.namespace) && scope.allows(s.hostname, s.namespace))
  const set: ClusterSet = { clusters: new Map(), endpoints: new Map() }
  addStaticClusters(set)
  addOutboundClusters(set, index, proxy, services)
  const routes = new Map<string, RouteConfiguration>()
  const listeners: Listener[] = [virtualOutbound(scope)]
  addOutbound(index, proxy, scope, services, listeners, routes)
  addStaticListeners(listeners, routes)
  const view = { scope, set, routes, listeners }
  index.memo.set(key, view)
  return view
}

function virtualOutbound(scope: SidecarScope): Listener {
  return {
    name: 'virtualOutbound', address: '0.0.0.0', port: 15001, trafficDirection: 'outbound', useOriginalDst: true,
    filterChains: [
      { name: 'virtualOutbound-catchall-tcp', match: {}, destination: { kind: 'cluster', cluster: policyCluster(scope.outboundTrafficPolicy) } },
      { name: 'virtualOutbound-blackhole', match: { destinationPort: 15001 }, destination: { kind: 'none' } },
    ],
  }
}

/** Mesh VirtualServices this sidecar may use. */
function meshVirtualServices(index: MeshIndex, proxy: ProxyIdentity, scope: SidecarScope) {
  return index.virtualServices.filter((vs) => {
    const gws = vs.spec.gateways
    if (gws && gws.length > 0 && !gws.includes('mesh')) return false
    if (!exportedTo(vs.spec.exportTo, index.mesh.defaultVirtualServiceExportTo, vs.ref.namespace, proxy.namespace)) return false
    return vs.hosts.some((h) => scope.allows(h, vs.ref.namespace))
  })
}

function addOutbound(index: MeshIndex, proxy: ProxyIdentity, scope: SidecarScope, services: MeshService[], listeners: Listener[], routes: Map<string, RouteConfiguration>): void {
  const vss = meshVirtualServices(index, proxy, scope)
  const httpPorts = new Map<number, VirtualHost[]>()
  const sniChains = new Map<number, FilterChain[]>()
  for (const svc of services) {
    for (const port of svc.ports) {
      if (isHttp(port.protocol)) {
        const list = httpPorts.get(port.port) ?? []
        list.push(virtualHost(index, proxy, vss, svc, port.port))
        httpPorts.set(port.port, list)
      } else {
        listeners.push(...tcpListener(index, proxy, vss, svc, port.port, port.protocol === 'UNKNOWN', sniChains, routes))
      }
    }
  }
  for (const [port, chains] of [...sniChains].sort((a, b) => a[0] - b[0])) {
    const catchAll: FilterChain = { match: {}, destination: { kind: 'cluster', cluster: policyCluster(scope.outboundTrafficPolicy) } }
    listeners.push({ name: `0.0.0.0_${port}`, address: '0.0.0.0', port, trafficDirection: 'outbound', filterChains: [...chains, catchAll] })
  }
  httpPorts.get(80)?.push(...nonRegistryVirtualHosts(index, proxy, vss, services))
  for (const [port, vhosts] of [...httpPorts].sort((a, b) => a[0] - b[0])) {
    routes.set(String(port), { name: String(port), virtualHosts: [...vhosts, catchAllVirtualHost(scope.outboundTrafficPolicy)] })
    listeners.push({
      name: `0.0.0.0_${port}`, address: '0.0.0.0', port, trafficDirection: 'outbound',
      filterChains: [
        { match: HTTP_SNIFF_MATCH, destination: { kind: 'route', routeConfigName: String(port) } },
        { match: {}, destination: { kind: 'cluster', cluster: policyCluster(scope.outboundTrafficPolicy) } },
      ],
    })
  }
}

/**
 * VirtualService hosts that name no service in the registry (e.g. google.com) still get
 * a virtual host, in route configuration "80" only (istio/istio pull 49403: rules for hosts
 * outside the registry, such as google.com, apply to port 80 traffic); domains are the
 * host as written.
 */
function nonRegistryVirtualHosts(index: MeshIndex, proxy: ProxyIdentity, vss: MeshIndexVs, services: MeshService[]): VirtualHost[] {
  const seen = new Set<string>()
  const out: VirtualHost[] = []
  for (const vs of vss) {
    for (const host of vs.hosts) {
      if (seen.has(host) || services.some((svc) => hostMatches(host, svc.hostname))) continue
      seen.add(host)
      const routes = httpRoutes({ vs, port: 80, proxyLabels: proxy.labels, proxyNamespace: proxy.namespace, gateways: ['mesh'], destination: destinationResolver(index, vs.ref.namespace, 80), hashPolicy: hashPolicyResolver(index, proxy) })
      if (routes.length > 0) out.push({ name: `${host}:80`, domains: [host], routes })
    }
  }
  return out
}

/** Memoised per owner VirtualService, service port and the proxy's view (namespace, selected rules, labels if they matter). */
function virtualHost(index: MeshIndex, proxy: ProxyIdentity, vss: MeshIndexVs, svc: MeshService, port: number): VirtualHost {
  const owner = virtualServiceForHost(vss, svc.hostname)
  const labels = index.usesSourceLabels ? JSON.stringify(Object.entries(proxy.labels).sort()) : ''
  const key = `vh|${workloadRuleKey(index, proxy)}|${owner ? `${owner.vs.ref.namespace}/${owner.vs.ref.name}` : ''}|${svc.hostname}|${port}|${labels}`
  const hit = index.memo.get(key) as VirtualHost | undefined
  if (hit) return hit
  const built = buildVirtualHost(index, proxy, owner, svc, port)
  index.memo.set(key, built)
  return built
}

function buildVirtualHost(index: MeshIndex, proxy: ProxyIdentity, owner: ReturnType<typeof virtualServiceForHost>, svc: MeshService, port: number): VirtualHost {
  const hash = hashPolicyResolver(index, proxy)
  const routes = owner ? httpRoutes({
    vs: owner.vs, port, proxyLabels: proxy.labels, proxyNamespace: proxy.namespace, gateways: ['mesh'],
    destination: destinationResolver(index, owner.vs.ref.namespace, port), hashPolicy: hash,
  }) : []
  const fallback = defaultRoute(svc, port, hash({ cluster: '', host: svc.hostname, port }))
  return { name: `${svc.hostname}:${port}`, domains: serviceDomains(svc, proxy.namespace), routes: routes.length > 0 ? routes : [fallback] }
}

type MeshIndexVs = MeshIndex['virtualServices']

/**
 * A TCP, TLS or sniffed service port: a listener on each service address straight to
 * the cluster; services without addresses (ServiceEntries) share 0.0.0.0:<port> and are
 * told apart by SNI, with the outbound policy's catch-all last.
 */
function tcpListener(index: MeshIndex, proxy: ProxyIdentity, vss: MeshIndexVs, svc: MeshService, port: number, sniff: boolean, sniChains: Map<number, FilterChain[]>, routes: Map<string, RouteConfiguration>): Listener[] {
  const chains: FilterChain[] = []
  if (sniff) {
    const name = `${svc.hostname}:${port}`
    routes.set(name, { name, virtualHosts: [virtualHost(index, proxy, vss, svc, port)] })
    chains.push({ match: HTTP_SNIFF_MATCH, destination: { kind: 'route', routeConfigName: name } })
  }
  if (svc.addresses.length === 0 && !svc.serviceEntry) {
    // A headless Kubernetes service: one listener per pod address (Istio's headless service handling).
    chains.push({ match: {}, destination: tcpTarget(index, proxy, vss, svc, port, undefined) })
    const ips = [...new Set(svc.instances.filter((i) => i.portFor.has(port)).map((i) => i.endpoint.address))]
    return ips.map((ip) => ({ name: `${ip}_${port}`, address: ip, port, trafficDirection: 'outbound' as const, filterChains: chains }))
  }
  if (svc.addresses.length === 0) {
    const destination = tcpTarget(index, proxy, vss, svc, port, svc.hostname)
    sniChains.set(port, [...(sniChains.get(port) ?? []), ...chains, { match: { serverNames: [svc.hostname] }, destination }])
    return []
  }
  chains.push({ match: {}, destination: tcpTarget(index, proxy, vss, svc, port, undefined) })
  return svc.addresses.map((ip) => ({ name: `${ip}_${port}`, address: ip, port, trafficDirection: 'outbound' as const, filterChains: chains }))
}

/** The owning VirtualService's tls (by SNI) or tcp rule for the mesh, else the service's own cluster. */
function tcpTarget(index: MeshIndex, proxy: ProxyIdentity, vss: MeshIndexVs, svc: MeshService, port: number, sni: string | undefined): ChainDestination {
  const own: ChainDestination = { kind: 'cluster', cluster: `outbound|${port}||${svc.hostname}` }
  const owner = virtualServiceForHost(vss, svc.hostname)
  if (!owner) return own
  return tcpRouteDestination({
    vs: owner.vs, port, ...(sni ? { sni } : {}), gateway: 'mesh', proxyLabels: proxy.labels,
    resolve: destinationResolver(index, owner.vs.ref.namespace, port), gatewayName: (g) => gatewayName(g, owner.vs.ref.namespace),
  }) ?? own
}
