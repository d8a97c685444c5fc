// VirtualService `tls` and `tcp` rules: where a TCP or TLS connection goes, possibly split by weight.
//
// Istio VirtualService reference (TLSRoute, TCPRoute): rules are tried in order; a TLS
// rule matches on sniHosts (and port, gateways), a TCP rule on port (and gateways,
// sourceLabels); the first match's destinations receive the connection, by weight when
// there are several (Istio "TCP Traffic Shifting" task: 80/20 between v1 and v2).
// Without a matching rule the service's own cluster takes it.

import { hostMatches } from './hosts'
import type { HttpRouteDestination, IstioResource, TcpRoute, TlsRoute, VirtualServiceSpec } from './istio-specs'
import type { ChainDestination } from './types'
import type { ResolvedDestination } from './http-routes'

export interface TcpRouteQuery {
  vs: IstioResource<VirtualServiceSpec>
  port: number
  /** SNI host the connection carries (TLS rules), if any. */
  sni?: string
  /** "mesh" for sidecars, "ns/name" for a gateway; rules whose match names other gateways are skipped. */
  gateway: string
  proxyLabels: Record<string, string>
  resolve(d: HttpRouteDestination['destination']): ResolvedDestination
  /** Expands a match's gateway entry relative to the VirtualService namespace. */
  gatewayName(entry: string): string
}

type AnyMatch = { port?: number; gateways?: string[]; sniHosts?: string[]; sourceLabels?: Record<string, string> }

function fits(m: AnyMatch, q: TcpRouteQuery, needSni: boolean): boolean {
  if (m.port !== undefined && m.port !== q.port) return false
  if (m.gateways && m.gateways.length > 0 && !m.gateways.some((g) => q.gatewayName(g) === q.gateway)) return false
  if (m.sourceLabels && !Object.entries(m.sourceLabels).every(([k, v]) => q.proxyLabels[k] === v)) return false
  if (needSni) return !!q.sni && (m.sniHosts ?? []).some((h) => hostMatches(h.toLowerCase(), q.sni!))
  return true
}

function ruleFits(rule: TlsRoute | TcpRoute, q: TcpRouteQuery, needSni: boolean): boolean {
  const matches = (rule.match ?? []) as AnyMatch[]
  return matches.length === 0 ? !needSni : matches.some((m) => fits(m, q, needSni))
}

/** The chain destination for a connection, or undefined when no rule of the VirtualService applies. */
export function tcpRouteDestination(q: TcpRouteQuery): ChainDestination | undefined {
  const tls = q.sni ? (q.vs.spec.tls ?? []).find((r) => ruleFits(r, q, true)) : undefined
  const rule = tls ?? (q.vs.spec.tcp ?? []).find((r) => ruleFits(r, q, false))
  const dests = (rule?.route ?? []).filter((d) => d.destination)
  if (dests.length === 0) return undefined
  if (dests.length === 1) return { kind: 'cluster', cluster: q.resolve(dests[0]!.destination).cluster }
  const clusters = dests.map((d) => {
    const r = q.resolve(d.destination)
    return { cluster: r.cluster, host: r.host, port: r.port, ...(r.subset ? { subset: r.subset } : {}), weight: d.weight ?? 0 }
  }).filter((c) => c.weight > 0)
  return clusters.length === 1 ? { kind: 'cluster', cluster: clusters[0]!.cluster } : { kind: 'weightedClusters', clusters }
}
