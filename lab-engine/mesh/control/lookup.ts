// Lookups over a compiled ProxyConfig the way Envoy performs them: listener, filter chain, virtual host.
//
// For the data plane, so it selects config exactly as Envoy would:
// - Listener: iptables sends outbound connections to 15001, whose use_original_dst hands
//   them to the listener bound to the original <ip>:<port>, else to 0.0.0.0:<port>, else
//   the virtualOutbound chains run themselves (Envoy listener docs, "original destination").
// - Filter chain: Envoy's FilterChainMatch order -- destination port, destination IP
//   (prefix ranges, longest wins), server name (exact before wildcard), transport
//   protocol, application protocols; at each step the most specific candidates survive and
//   a criterion left empty matches anything (Envoy listener components docs); when none
//   survives, the listener's default chain (an empty match here) takes the connection.
// - Virtual host: the Host header without its port (strip_any_host_port), matched
//   exactly first, then the longest suffix wildcard ("*.example.com"), then the longest
//   prefix wildcard ("foo.*"), then "*" (Envoy route_components VirtualHost.domains).

import type { FilterChain, Listener, ProxyConfig, RouteConfiguration, VirtualHost } from './types'

export interface ConnectionFacts {
  destinationIp: string
  destinationPort: number
  /** TLS SNI, when the client speaks TLS. */
  serverName?: string
  transportProtocol: 'raw_buffer' | 'tls'
  /** ALPN or sniffed protocols, e.g. ["http/1.1"], or ["istio-http/1.1"] for mTLS from a sidecar. */
  applicationProtocols: string[]
}

/** The listener an outbound connection lands on (original destination), falling back to virtualOutbound. */
export function outboundListener(cfg: ProxyConfig, ip: string, port: number): Listener | undefined {
  const outbound = cfg.listeners.filter((l) => l.trafficDirection === 'outbound' || cfg.proxy.kind === 'gateway')
  return outbound.find((l) => l.address === ip && l.port === port)
    ?? outbound.find((l) => l.address === '0.0.0.0' && l.port === port && l.name !== 'virtualOutbound')
    ?? cfg.listeners.find((l) => l.name === 'virtualOutbound')
}

/** The inbound capture listener (virtualInbound, 15006) of a sidecar. */
export function inboundListener(cfg: ProxyConfig): Listener | undefined {
  return cfg.listeners.find((l) => l.name === 'virtualInbound')
}

function ipToInt(ip: string): number | undefined {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

/** Longest prefix length among ranges containing ip; -1 when none does; undefined when the chain has no ranges. */
function prefixScore(ranges: string[] | undefined, ip: string): number | undefined {
  if (!ranges || ranges.length === 0) return undefined
  const addr = ipToInt(ip)
  let best = -1
  for (const r of ranges) {
    const [base, len = '32'] = r.split('/')
    const b = ipToInt(base!)
    const bits = Number(len)
    if (addr === undefined || b === undefined) continue
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
    if (((addr & mask) >>> 0) === ((b & mask) >>> 0)) best = Math.max(best, bits)
  }
  return best
}

function serverNameScore(names: string[] | undefined, sni: string | undefined): number | undefined {
  if (!names || names.length === 0) return undefined
  if (!sni) return -1
  let best = -1
  for (const n of names) {
    if (n === sni) best = Math.max(best, 1000)
    else if (n.startsWith('*.') && sni.endsWith(n.slice(1))) best = Math.max(best, n.length)
  }
  return best
}

/** Keeps the candidates with the best score for one criterion: specific matches beat "not set", mismatches drop out. */
function narrow(chains: FilterChain[], score: (c: FilterChain) => number | undefined): FilterChain[] {
  const scored = chains.map((c) => ({ c, s: score(c) })).filter(({ s }) => s === undefined || s >= 0)
  const specific = scored.filter(({ s }) => s !== undefined)
  if (specific.length === 0) return scored.map(({ c }) => c)
  const top = Math.max(...specific.map(({ s }) => s!))
  return specific.filter(({ s }) => s === top).map(({ c }) => c)
}

/**
 * Envoy's filter chain selection. Chains with an empty match play Envoy's
 * default_filter_chain (Istio puts its PassthroughCluster / BlackHoleCluster catch-all
 * there): used only when no other chain survives. Undefined: Envoy closes the connection.
 */
export function selectFilterChain(listener: Listener, conn: ConnectionFacts): FilterChain | undefined {
  const isDefault = (c: FilterChain) => Object.keys(c.match).length === 0
  let chains = listener.filterChains.filter((c) => !isDefault(c))
  chains = narrow(chains, (c) => (c.match.destinationPort === undefined ? undefined : c.match.destinationPort === conn.destinationPort ? 1 : -1))
  chains = narrow(chains, (c) => prefixScore(c.match.prefixRanges, conn.destinationIp))
  chains = narrow(chains, (c) => serverNameScore(c.match.serverNames, conn.serverName))
  chains = narrow(chains, (c) => (c.match.transportProtocol === undefined ? undefined : c.match.transportProtocol === conn.transportProtocol ? 1 : -1))
  chains = narrow(chains, (c) => (c.match.applicationProtocols === undefined ? undefined : c.match.applicationProtocols.some((p) => conn.applicationProtocols.includes(p)) ? 1 : -1))
  return chains[0] ?? listener.filterChains.find(isDefault)
}

/** Envoy's virtual host choice for a Host/:authority header (port stripped). */
export function selectVirtualHost(rc: RouteConfiguration, authority: string): VirtualHost | undefined {
  const host = stripPort(authority.toLowerCase())
  let suffix: { vh: VirtualHost; len: number } | undefined
  let prefix: { vh: VirtualHost; len: number } | undefined
  let any: VirtualHost | undefined
  for (const vh of rc.virtualHosts) {
    for (const raw of vh.domains) {
      const d = stripPort(raw.toLowerCase())
      if (d === host) return vh
      if (d === '*') any ??= vh
      else if (d.startsWith('*') && host.endsWith(d.slice(1)) && host.length > d.length - 1 && (!suffix || d.length > suffix.len)) suffix = { vh, len: d.length }
      else if (d.endsWith('*') && host.startsWith(d.slice(0, -1)) && (!prefix || d.length > prefix.len)) prefix = { vh, len: d.length }
    }
  }
  return suffix?.vh ?? prefix?.vh ?? any
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  const colon = host.lastIndexOf(':')
  return colon >= 0 && /^(\d+|\*)$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host
}
