// istioctl proxy-config summary tables (clusters, listeners, routes, endpoints) over a compiled ProxyConfig.
//
// Shapes follow istioctl 1.26's configdump writers (istio/istio istioctl/pkg/writer/envoy/configdump):
//   clusters:  SERVICE FQDN  PORT  SUBSET  DIRECTION  TYPE  DESTINATION RULE  (padding 5; sorted by fqdn, subset, port, direction)
//   listeners: ADDRESSES  PORT  MATCH  DESTINATION  (padding 1; one row per filter chain; sorted by port then address)
//   routes:    NAME  VHOST NAME  DOMAINS  MATCH  VIRTUAL SERVICE  (padding 5; PassthroughCluster routes hidden;
//              domains shown as the shortest non-port names, "a, b + N more...")
//   endpoints: ENDPOINT  STATUS  OUTLIER CHECK  CLUSTER  (padding 5)

import { goTable } from './go-tabwriter'
import type { ChainDestination, Cluster, FilterChainMatch, LbEndpoint, Listener, ProxyConfig, RouteConfiguration, RouteMatch } from './types'

export interface ClusterFilter { fqdn?: string; port?: number; subset?: string; direction?: string }
export interface ListenerFilter { address?: string; port?: number; type?: string }
export interface EndpointFilter { address?: string; port?: number; cluster?: string; status?: string }

/** istioctl's ParseSubsetKey: direction|port|subset|fqdn; other names sort by themselves. */
function subsetKey(name: string): { direction: string; port: number; subset: string; fqdn: string } {
  const parts = name.split('|')
  if (parts.length <= 3) return { direction: '', port: 0, subset: '', fqdn: name }
  return { direction: parts[0]!, port: Number(parts[1]), subset: parts[2]!, fqdn: parts[3]! }
}

function compareClusterNames(a: string, b: string): number {
  const x = subsetKey(a)
  const y = subsetKey(b)
  if (x.fqdn !== y.fqdn) return x.fqdn < y.fqdn ? -1 : 1
  if (x.subset !== y.subset) return x.subset < y.subset ? -1 : 1
  if (x.port !== y.port) return x.port - y.port
  return x.direction < y.direction ? -1 : x.direction > y.direction ? 1 : 0
}

export function clusterMatches(name: string, f: ClusterFilter): boolean {
  if (f.fqdn && !name.includes(f.fqdn)) return false
  if (f.direction && !name.includes(f.direction)) return false
  if (f.subset && !name.includes(f.subset)) return false
  if (f.port && !name.includes(`|${f.port}|`)) return false
  return true
}

export function filteredClusters(cfg: ProxyConfig, f: ClusterFilter): Cluster[] {
  return [...cfg.clusters.values()].filter((c) => clusterMatches(c.name, f)).sort((a, b) => compareClusterNames(a.name, b.name))
}

export function clustersTable(cfg: ProxyConfig, f: ClusterFilter): string {
  const rows = filteredClusters(cfg, f).map((c) => {
    const dr = c.destinationRule ? `${c.destinationRule.name}.${c.destinationRule.namespace}` : ''
    if (c.name.split('|').length <= 3) return [c.name, '-', '-', '-', c.type, dr]
    const k = subsetKey(c.name)
    return [k.fqdn, String(k.port), k.subset || '-', k.direction, c.type, dr]
  })
  return goTable([['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'], ...rows], 5)
}

function listenerType(l: Listener): string {
  const http = l.filterChains.some((c) => c.destination.kind === 'route' || c.destination.kind === 'inlineRoute')
  const tcp = l.filterChains.some((c) => (c.destination.kind === 'cluster' && c.destination.cluster !== 'BlackHoleCluster') || c.destination.kind === 'weightedClusters')
  return http ? (tcp ? 'HTTP+TCP' : 'HTTP') : tcp ? 'TCP' : 'UNKNOWN'
}

export function filteredListeners(cfg: ProxyConfig, f: ListenerFilter): Listener[] {
  return cfg.listeners.filter((l) => (!f.address || l.address.toLowerCase() === f.address.toLowerCase()) && (!f.port || l.port === f.port) && (!f.type || listenerType(l).toLowerCase() === f.type.toLowerCase()))
    .sort((a, b) => a.port - b.port || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) || (listenerType(a) < listenerType(b) ? -1 : listenerType(a) > listenerType(b) ? 1 : 0))
}

const ALPN_NAMES: [string[], string][] = [
  [['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'], 'HTTP TLS'],
  [['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2'], 'Istio HTTP Plain'],
  [['istio-peer-exchange', 'istio'], 'TCP TLS'],
  [['http/1.0', 'http/1.1', 'h2c'], 'HTTP'],
]

export function describeChainMatch(m: FilterChainMatch): string {
  const parts: string[] = []
  if (m.serverNames?.length) parts.push(`SNI: ${m.serverNames.join(',')}`)
  if (m.transportProtocol) parts.push(`Trans: ${m.transportProtocol}`)
  if (m.applicationProtocols?.length) {
    const known = ALPN_NAMES.find(([list]) => list.join(',') === m.applicationProtocols!.join(','))
    parts.push(`App: ${known ? known[1] : m.applicationProtocols.join(',')}`)
  }
  const port = m.destinationPort !== undefined ? `:${m.destinationPort}` : ''
  if (m.prefixRanges?.length) parts.push(`Addr: ${m.prefixRanges.join(',')}${port}`)
  else if (port) parts.push(`Addr: *${port}`)
  return parts.length ? parts.join('; ') : 'ALL'
}

function describeDestination(d: ChainDestination, cfg: ProxyConfig): string {
  switch (d.kind) {
    case 'route': return `Route: ${d.routeConfigName}`
    case 'inlineRoute': return `Inline Route: ${inlineRoutes(cfg.routes.get(d.routeConfigName))}`
    case 'cluster': return d.cluster.includes('Cluster') ? d.cluster : `Cluster: ${d.cluster}`
    // Assumption: istioctl's wording for a weighted tcp_proxy; it names each cluster with its weight.
    case 'weightedClusters': return `WeightedClusters: ${d.clusters.map((c) => `${c.cluster}(${c.weight})`).join(', ')}`
    case 'none': return 'Non-HTTP/Non-TCP'
  }
}

function inlineRoutes(rc: RouteConfiguration | undefined): string {
  return (rc?.virtualHosts ?? []).map((vh) => {
    const routes = vh.routes.map((r) => describeMatch(r.match)).join(', ')
    return vh.domains.length === 1 && vh.domains[0] === '*' ? routes : `${vh.domains.join('/')} ${routes}`
  }).join('; ')
}

export function listenersTable(cfg: ProxyConfig, f: ListenerFilter): string {
  const rows: string[][] = []
  for (const l of filteredListeners(cfg, f)) {
    const chains = l.filterChains.map((c) => ({ match: describeChainMatch(c.match), dest: describeDestination(c.destination, cfg) }))
    chains.sort((a, b) => (a.dest > b.dest ? -1 : a.dest < b.dest ? 1 : 0))
    for (const c of chains) rows.push([l.address, String(l.port), c.match, c.dest])
  }
  return goTable([['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'], ...rows], 1)
}

/** How istioctl shows a route's match: "/prefix*", an exact path, or "regex ...". Headers are not shown. */
export function describeMatch(m: RouteMatch): string {
  if (m.path.kind === 'prefix') return `${m.path.value}*`
  if (m.path.kind === 'exact') return m.path.value
  return `regex ${m.path.value}`
}

/** istioctl's describeRouteDomains: drop expanded duplicates and port forms, show two then "+ N more...". */
export function describeDomains(domains: string[]): string {
  if (domains.length === 0) return ''
  if (domains.length === 1) return domains[0]!
  const noPort = domains.filter((d) => !d.includes(':'))
  const set = new Set(noPort)
  const kept = noPort.filter((h) => {
    const full = h.endsWith('.svc.cluster.local') ? h.slice(0, -'.svc.cluster.local'.length) : undefined
    const partial = h.endsWith('.svc') ? h.slice(0, -'.svc'.length) : undefined
    return !(full && set.has(full)) && !(partial && set.has(partial))
  })
  return kept.length > 2 ? `${kept.slice(0, 2).join(', ')} + ${kept.length - 2} more...` : kept.join(', ')
}

/** Dynamic route configurations in numeric name order, then the rest as generated. */
export function orderedRouteConfigs(cfg: ProxyConfig, name?: string): RouteConfiguration[] {
  const all = [...cfg.routes.values()].filter((r) => name === undefined || r.name === name)
  const numeric = all.filter((r) => /^\d+$/.test(r.name)).sort((a, b) => Number(a.name) - Number(b.name))
  return [...numeric, ...all.filter((r) => !/^\d+$/.test(r.name))]
}

export function routesTable(cfg: ProxyConfig, name?: string): string {
  const rows: string[][] = []
  for (const rc of orderedRouteConfigs(cfg, name)) {
    for (const vh of rc.virtualHosts) {
      for (const r of vh.routes) {
        if (r.action.kind === 'forward' && r.action.clusters.length === 1 && r.action.clusters[0]!.cluster === 'PassthroughCluster') continue
        const vs = r.origin ? `${r.origin.virtualService.name}.${r.origin.virtualService.namespace}` : ''
        rows.push([rc.name, vh.name, describeDomains(vh.domains), describeMatch(r.match), vs])
      }
      if (vh.routes.length === 0) rows.push([rc.name, vh.name, describeDomains(vh.domains), '/*', '404'])
    }
  }
  return goTable([['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'], ...rows], 5)
}

export function endpointAddress(e: LbEndpoint): string {
  return e.port === 0 ? e.address : `${e.hostname ?? e.address}:${e.port}`
}

export function filteredEndpoints(cfg: ProxyConfig, f: EndpointFilter): { cluster: string; endpoint: LbEndpoint }[] {
  const out: { cluster: string; endpoint: LbEndpoint }[] = []
  for (const cluster of [...cfg.endpoints.keys()].sort(compareClusterNames)) {
    if (f.cluster && cluster.toLowerCase() !== f.cluster.toLowerCase()) continue
    for (const endpoint of cfg.endpoints.get(cluster)!) {
      if (f.address && endpoint.address.toLowerCase() !== f.address.toLowerCase()) continue
      if (f.port && endpoint.port !== f.port) continue
      if (f.status && endpoint.health.toLowerCase() !== f.status.toLowerCase()) continue
      out.push({ cluster, endpoint })
    }
  }
  return out
}

/**
 * Live endpoint state the data plane may report (Envoy's /clusters view): health and
 * whether outlier detection ejected the host, shown as OUTLIER CHECK FAILED.
 */
export type EndpointStatus = (cluster: string, endpoint: LbEndpoint) => { health?: LbEndpoint['health']; ejected?: boolean } | undefined

export function endpointsTable(cfg: ProxyConfig, f: EndpointFilter, status?: EndpointStatus): string {
  const rows = filteredEndpoints(cfg, f).map(({ cluster, endpoint }) => {
    const live = status?.(cluster, endpoint)
    return [endpointAddress(endpoint), live?.health ?? endpoint.health, live?.ejected ? 'FAILED' : 'OK', cluster]
  })
  return goTable([['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'], ...rows], 5)
}
