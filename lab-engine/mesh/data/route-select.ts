// Route selection: listener -> filter chain -> route configuration -> virtual host -> route, as Envoy does.
//
// Envoy listener docs: a connection goes to the listener bound to its original
// destination (ip:port first, then 0.0.0.0:port, else the virtualOutbound
// catch-all); the filter chain whose match fits the connection (transport and
// application protocol, SNI, port) takes it. For HTTP, the virtual host is the
// most specific domain match of the Host header (exact, then *.suffix, then
// prefix*, then "*"), and its routes are tried in order: the first whose match
// fits wins (Istio traffic management: "the first rule that matches wins").
import type { FilterChain, FilterChainMatch, HeaderMatch, Listener, ProxyConfig, Route, RouteMatch, StringMatch, VirtualHost, WeightedCluster } from '../control/types'
import { hostOnly, type MeshRequest } from './types'

export type ChainChoice =
  | { kind: 'http'; listener: Listener; chain: FilterChain; routeConfigName: string }
  | { kind: 'tcp'; listener: Listener; chain: FilterChain; cluster: string }
  /** A weighted TCP/TLS route (VirtualService tcp[].route with weights): one draw per connection. */
  | { kind: 'tcpWeighted'; listener: Listener; chain: FilterChain; clusters: WeightedCluster[] }
  | { kind: 'closed'; listener?: Listener }

export type RouteChoice =
  | { kind: 'route'; vhost: VirtualHost; route: Route; index: number }
  | { kind: 'noRoute'; vhost?: VirtualHost }

/** Longest regex source a route may use (guards pathological patterns). */
const MAX_REGEX_CHARS = 1024
const regexCache = new Map<string, RegExp | null>()

export function listenerFor(cfg: ProxyConfig, ip: string, port: number, inbound = false): Listener | undefined {
  // A compiled config never changes (a new config is a new object): one answer per (direction, address, port).
  let byIp = listenerMemo.get(cfg.listeners)
  if (!byIp) listenerMemo.set(cfg.listeners, (byIp = new Map()))
  const ipKey = inbound ? `in ${ip}` : ip
  let byPort = byIp.get(ipKey)
  if (!byPort) {
    if (byIp.size >= MAX_LISTENER_ADDRESSES) byIp.clear()
    byIp.set(ipKey, (byPort = new Map()))
  }
  if (byPort.has(port)) return byPort.get(port)
  const found = findListener(cfg, ip, port, inbound)
  if (byPort.size < MAX_LISTENER_ADDRESSES) byPort.set(port, found)
  return found
}

const listenerMemo = new WeakMap<readonly Listener[], Map<string, Map<number, Listener | undefined>>>()
/** Addresses (and ports per address) remembered per compiled config before starting over. */
const MAX_LISTENER_ADDRESSES = 1024

function findListener(cfg: ProxyConfig, ip: string, port: number, inbound: boolean): Listener | undefined {
  const direction = inbound ? 'inbound' : 'outbound'
  const own = cfg.listeners.filter((l) => l.trafficDirection === direction && !l.useOriginalDst)
  return own.find((l) => l.address === ip && l.port === port) ?? own.find((l) => l.address === '0.0.0.0' && l.port === port)
    ?? cfg.listeners.find((l) => l.useOriginalDst && l.trafficDirection === direction)
}

export function chainFor(listener: Listener, req: MeshRequest, sni?: string): ChainChoice {
  const chain = listener.filterChains.find((c) => chainMatches(c.match, req, sni))
  if (!chain) return { kind: 'closed', listener }
  const d = chain.destination
  if (d.kind === 'route' || d.kind === 'inlineRoute') return { kind: 'http', listener, chain, routeConfigName: d.routeConfigName }
  if (d.kind === 'cluster') return { kind: 'tcp', listener, chain, cluster: d.cluster }
  if (d.kind === 'weightedClusters') return { kind: 'tcpWeighted', listener, chain, clusters: d.clusters }
  return { kind: 'closed', listener }
}

function chainMatches(m: FilterChainMatch, req: MeshRequest, sni?: string): boolean {
  const tls = req.scheme === 'https'
  if (m.destinationPort !== undefined && m.destinationPort !== req.dstPort) return false
  if (m.transportProtocol === 'tls' && !tls) return false
  if (m.transportProtocol === 'raw_buffer' && tls) return false
  // Envoy's http_inspector sets http/1.1 (or h2c) on plain-text HTTP; TLS bytes carry none it can read.
  if (m.applicationProtocols?.length && (tls || !m.applicationProtocols.includes('http/1.1'))) return false
  if (m.serverNames?.length && !(sni && m.serverNames.some((n) => domainMatches(n, sni)))) return false
  return true
}

/** The virtual host for a Host header: exact beats *.suffix beats prefix* beats "*" (Envoy route_config docs). */
export function virtualHostFor(hosts: readonly VirtualHost[], authority: string): VirtualHost | undefined {
  // Compiled route configurations never change (a new config is a new object): one answer per Host header.
  let byAuthority = vhostMemo.get(hosts)
  if (!byAuthority) vhostMemo.set(hosts, (byAuthority = new Map()))
  if (byAuthority.has(authority)) return byAuthority.get(authority)
  const vh = bestVirtualHost(hosts, authority)
  if (byAuthority.size >= MAX_AUTHORITIES_PER_CONFIG) byAuthority.clear()
  byAuthority.set(authority, vh)
  return vh
}

const vhostMemo = new WeakMap<readonly VirtualHost[], Map<string, VirtualHost | undefined>>()
const MAX_AUTHORITIES_PER_CONFIG = 256

function bestVirtualHost(hosts: readonly VirtualHost[], authority: string): VirtualHost | undefined {
  const host = hostOnly(authority)
  let best: { vh: VirtualHost; rank: number; len: number } | undefined
  for (const vh of hosts) {
    for (const domain of vh.domains) {
      const rank = domainRank(domain.toLowerCase(), host)
      if (rank === 0) continue
      if (!best || rank > best.rank || (rank === best.rank && domain.length > best.len)) best = { vh, rank, len: domain.length }
    }
  }
  return best?.vh
}

function domainRank(domain: string, host: string): number {
  const d = hostOnly(domain)
  if (d === host) return 4
  if (d.startsWith('*') && d !== '*' && host.endsWith(d.slice(1))) return 3
  if (d.endsWith('*') && d !== '*' && host.startsWith(d.slice(0, -1))) return 2
  return d === '*' ? 1 : 0
}

function domainMatches(pattern: string, name: string): boolean {
  return domainRank(pattern.toLowerCase(), name.toLowerCase()) > 0
}

export function routeFor(vhost: VirtualHost | undefined, req: MeshRequest): RouteChoice {
  if (!vhost) return { kind: 'noRoute' }
  const index = vhost.routes.findIndex((r) => routeMatches(r.match, req))
  return index < 0 ? { kind: 'noRoute', vhost } : { kind: 'route', vhost, route: vhost.routes[index]!, index }
}

export function routeMatches(m: RouteMatch, req: MeshRequest): boolean {
  const q = req.path.indexOf('?')
  const path = q < 0 ? req.path : req.path.slice(0, q)
  if (!stringMatches(m.path, path, m.ignoreCase)) return false
  if (m.method && !stringMatches(m.method, req.method)) return false
  if (m.authority && !stringMatches(m.authority, req.authority)) return false
  if (m.scheme && !stringMatches(m.scheme, req.scheme)) return false
  for (let i = 0; i < m.headers.length; i++) if (!headerMatches(m.headers[i]!, req)) return false
  // Most routes match no query parameter: the query is parsed only for those that do.
  if (m.queryParams.length === 0) return true
  const query = new URLSearchParams(q < 0 ? '' : req.path.slice(q + 1))
  return m.queryParams.every((p) => {
    const v = query.get(p.name)
    return v !== null && (p.match.kind === 'present' || stringMatches(p.match, v))
  })
}

function headerMatches(h: HeaderMatch, req: MeshRequest): boolean {
  const values = req.headers.filter(([n]) => n === h.name).map(([, v]) => v)
  const value = h.name === ':authority' || h.name === 'host' ? req.authority : values.join(',')
  const present = h.name === ':authority' || h.name === 'host' || values.length > 0
  const hit = h.match.kind === 'present' ? present : present && stringMatches(h.match, value)
  return h.invert ? !hit : hit
}

export function stringMatches(m: StringMatch, value: string, ignoreCase = false): boolean {
  const v = ignoreCase ? value.toLowerCase() : value
  const want = ignoreCase ? m.value.toLowerCase() : m.value
  if (m.kind === 'exact') return v === want
  if (m.kind === 'prefix') return v.startsWith(want)
  const re = compiled(m.value, ignoreCase)
  return re !== null && re.test(value)
}

/** Envoy's safe_regex (RE2) must match the whole value; invalid or oversized patterns match nothing. */
function compiled(source: string, ignoreCase: boolean): RegExp | null {
  const key = `${ignoreCase ? 'i' : ''}/${source}`
  if (regexCache.has(key)) return regexCache.get(key)!
  let re: RegExp | null = null
  if (source.length <= MAX_REGEX_CHARS) {
    try { re = new RegExp(`^(?:${source})$`, ignoreCase ? 'i' : '') } catch { re = null }
  }
  if (regexCache.size > 1000) regexCache.clear()
  regexCache.set(key, re)
  return re
}
