// Compiles a gateway proxy's config: listeners from the Gateway servers that select it, routes from bound VirtualServices.
//
// Istio Gateway reference: a Gateway applies to pods its `selector` matches, in any
// namespace; each server opens its port (Istio binds the target port of the gateway
// Service that exposes that port, e.g. 80 -> 8080), accepts `hosts` ("ns/host" limits
// which namespaces' VirtualServices may bind) and terminates or passes TLS per `tls`.
// Only VirtualServices whose `gateways` name the Gateway ("name" in their own
// namespace, or "ns/name") and are exported to the gateway's namespace add routes; on
// gateways, several VirtualServices for one host are merged, oldest first (Istio
// analyzer IST0109). HTTP route configurations are "http.<listener port>", HTTPS ones
// "https.<port>.<port name>.<gateway>.<namespace>"; a server with no routes gets the
// "blackhole:<port>" virtual host (404). httpsRedirect answers 301 to https.

import { addOutboundClusters, addStaticClusters, type ClusterSet } from './clusters'
import { exportedTo, hostMatches, splitNamespacedHost, fqdn } from './hosts'
import { gatewayName, httpRoutes } from './http-routes'
import type { GatewayServer, GatewaySpec, IstioResource, VirtualServiceSpec } from './istio-specs'
import type { MeshIndex } from './mesh-index'
import { addStaticListeners, policyCluster } from './static-config'
import { tcpRouteDestination } from './tcp-routes'
import type { ChainDestination, FilterChain, Listener, ProxyConfig, ProxyIdentity, Route, RouteConfiguration, ServerTls, VirtualHost } from './types'
import { destinationResolver, hashPolicyResolver } from './virtual-hosts'

interface BoundServer { gateway: IstioResource<GatewaySpec>; server: GatewayServer; listenerPort: number }

export function compileGateway(index: MeshIndex, proxy: ProxyIdentity): ProxyConfig {
  const services = index.services.filter((s) => exportedTo(s.exportTo, index.mesh.defaultServiceExportTo, s.namespace, proxy.namespace))
  const set: ClusterSet = { clusters: new Map(), endpoints: new Map() }
  addStaticClusters(set)
  addOutboundClusters(set, index, proxy, services)
  const routes = new Map<string, RouteConfiguration>()
  const listeners: Listener[] = []
  const byPort = new Map<number, BoundServer[]>()
  for (const b of boundServers(index, proxy)) byPort.set(b.listenerPort, [...(byPort.get(b.listenerPort) ?? []), b])
  for (const [port, servers] of [...byPort].sort((a, b) => a[0] - b[0])) listeners.push(gatewayListener(index, proxy, port, servers, routes))
  addStaticListeners(listeners, routes)
  return { proxy, listeners, routes, clusters: set.clusters, endpoints: set.endpoints, outboundTrafficPolicy: index.mesh.outboundTrafficPolicy }
}

function boundServers(index: MeshIndex, proxy: ProxyIdentity): BoundServer[] {
  return index.gateways.filter((g) => {
    const sel = g.spec.selector ?? {}
    return Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => proxy.labels[k] === v)
  }).flatMap((gateway) => (gateway.spec.servers ?? []).filter((s) => s.port?.number).map((server) => ({ gateway, server, listenerPort: targetPort(index, proxy, server.port!.number!) })))
}

/** The container port behind the gateway Service port a server names (80 -> 8080 on istio-ingressgateway). */
function targetPort(index: MeshIndex, proxy: ProxyIdentity, port: number): number {
  for (const svc of index.kubeServices) {
    if (svc.metadata.namespace !== proxy.namespace) continue
    const spec = (svc.spec ?? {}) as { selector?: Record<string, string>; ports?: { port: number; targetPort?: number | string }[] }
    if (!spec.selector || !Object.entries(spec.selector).every(([k, v]) => proxy.labels[k] === v)) continue
    const p = (spec.ports ?? []).find((sp) => sp.port === port)
    if (p && typeof p.targetPort === 'number') return p.targetPort
  }
  return port
}

function protocolOf(server: GatewayServer): string {
  return (server.port?.protocol ?? 'HTTP').toUpperCase()
}

function gatewayListener(index: MeshIndex, proxy: ProxyIdentity, port: number, servers: BoundServer[], routes: Map<string, RouteConfiguration>): Listener {
  const chains: FilterChain[] = []
  const plainHttp = servers.filter((b) => ['HTTP', 'HTTP2', 'GRPC'].includes(protocolOf(b.server)))
  if (plainHttp.length > 0) {
    const name = `http.${port}`
    routes.set(name, { name, virtualHosts: virtualHosts(index, proxy, plainHttp) })
    chains.push({ match: {}, destination: { kind: 'route', routeConfigName: name } })
  }
  for (const b of servers.filter((s) => !plainHttp.includes(s))) chains.push(...tlsOrTcpChains(index, proxy, b, routes))
  return { name: `0.0.0.0_${port}`, address: '0.0.0.0', port, trafficDirection: 'outbound', filterChains: chains }
}

function tlsOrTcpChains(index: MeshIndex, proxy: ProxyIdentity, b: BoundServer, routes: Map<string, RouteConfiguration>): FilterChain[] {
  const tls = b.server.tls
  const sni = (b.server.hosts ?? []).map((h) => splitNamespacedHost(h, b.gateway.ref.namespace).host).filter((h) => h !== '*')
  const serverTls: ServerTls | undefined = tls?.mode ? { mode: tls.mode as ServerTls['mode'], ...(tls.credentialName ? { credentialName: tls.credentialName } : {}) } : undefined
  if (protocolOf(b.server) === 'HTTPS' && tls?.mode && tls.mode !== 'PASSTHROUGH' && tls.mode !== 'AUTO_PASSTHROUGH') {
    const name = `https.${b.server.port!.number}.${b.server.port!.name ?? ''}.${b.gateway.ref.name}.${b.gateway.ref.namespace}`
    routes.set(name, { name, virtualHosts: virtualHosts(index, proxy, [b]) })
    return [{ match: sni.length > 0 ? { serverNames: sni } : {}, destination: { kind: 'route', routeConfigName: name }, ...(serverTls ? { tls: serverTls } : {}) }]
  }
  // TLS passthrough servers pick a destination per SNI host; TCP servers have one chain.
  if (protocolOf(b.server) === 'TCP' || sni.length === 0) return [{ match: {}, destination: streamDestination(index, proxy, b, undefined), ...(serverTls ? { tls: serverTls } : {}) }]
  return sni.map((host) => ({ match: { serverNames: [host] }, destination: streamDestination(index, proxy, b, host), ...(serverTls ? { tls: serverTls } : {}) }))
}

/** The bound VirtualServices' tls/tcp rules for this server; BlackHoleCluster when none applies (Envoy has nowhere to send it). */
function streamDestination(index: MeshIndex, proxy: ProxyIdentity, b: BoundServer, sni: string | undefined): ChainDestination {
  const port = b.server.port!.number!
  const self = `${b.gateway.ref.namespace}/${b.gateway.ref.name}`
  for (const vs of boundVirtualServices(index, [b])) {
    if (sni && !vs.hosts.some((h) => hostMatches(h, sni) || hostMatches(sni, h))) continue
    const found = tcpRouteDestination({
      vs, port, ...(sni ? { sni } : {}), gateway: self, proxyLabels: proxy.labels,
      resolve: destinationResolver(index, vs.ref.namespace, port), gatewayName: (g) => gatewayName(g, vs.ref.namespace),
    })
    if (found) return found
  }
  return { kind: 'cluster', cluster: policyCluster('REGISTRY_ONLY') }
}

function boundVirtualServices(index: MeshIndex, servers: BoundServer[]): IstioResource<VirtualServiceSpec>[] {
  const names = servers.map((b) => `${b.gateway.ref.namespace}/${b.gateway.ref.name}`)
  const gwNs = servers[0]!.gateway.ref.namespace
  return index.virtualServices.filter((vs) => (vs.spec.gateways ?? []).some((g) => names.includes(gatewayName(g, vs.ref.namespace)))
    && exportedTo(vs.spec.exportTo, index.mesh.defaultVirtualServiceExportTo, vs.ref.namespace, gwNs))
}

/** One virtual host per host a bound VirtualService and a server both accept; merged across VirtualServices. */
function virtualHosts(index: MeshIndex, proxy: ProxyIdentity, servers: BoundServer[]): VirtualHost[] {
  const serverPort = servers[0]!.server.port!.number!
  const byHost = new Map<string, Route[]>()
  const redirect = servers.some((b) => b.server.tls?.httpsRedirect)
  for (const vs of boundVirtualServices(index, servers)) {
    const gateways = servers.map((b) => `${b.gateway.ref.namespace}/${b.gateway.ref.name}`)
    for (const raw of vs.spec.hosts ?? []) {
      const host = acceptedHost(servers, fqdnIfShort(raw, vs.ref.namespace), vs.ref.namespace)
      if (!host) continue
      const list = byHost.get(host) ?? []
      if (!byHost.has(host)) byHost.set(host, list)
      list.push(...httpRoutes({ vs, port: serverPort, proxyLabels: proxy.labels, proxyNamespace: proxy.namespace, gateways, destination: destinationResolver(index, vs.ref.namespace, serverPort), hashPolicy: hashPolicyResolver(index, proxy) }))
    }
  }
  if (byHost.size === 0) return [{ name: `blackhole:${serverPort}`, domains: ['*'], routes: [] }]
  return [...byHost].map(([host, routes]) => ({
    name: `${host}:${serverPort}`,
    domains: host === '*' ? ['*'] : [host, `${host}:*`],
    routes: redirect ? [httpsRedirect()] : routes,
  }))
}

/** Gateway-bound VirtualService hosts are usually external names; short names still expand. */
function fqdnIfShort(host: string, ns: string): string {
  return host === '*' ? host : fqdn(host, ns)
}

/** The host a virtual host serves: the narrower of the VirtualService host and a server host that accepts it. */
function acceptedHost(servers: BoundServer[], vsHost: string, vsNamespace: string): string | undefined {
  for (const b of servers) {
    for (const entry of b.server.hosts ?? []) {
      const { namespace, host } = splitNamespacedHost(entry, b.gateway.ref.namespace)
      if (namespace !== '*' && namespace !== vsNamespace) continue
      if (hostMatches(host, vsHost)) return vsHost
      if (hostMatches(vsHost, host)) return host
    }
  }
  return undefined
}

function httpsRedirect(): Route {
  return { name: 'https-redirect', match: { path: { kind: 'prefix', value: '/' }, headers: [], queryParams: [] }, action: { kind: 'redirect', redirect: { scheme: 'https', responseCode: 301 } } }
}
