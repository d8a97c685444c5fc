// Route tables for the graph: what each workload's proxy was given per virtual host, read from the compiled config.
//
// The control plane (mesh/control compileMesh) already interpreted the
// VirtualServices, DestinationRules and Gateways into Envoy routes; this file only
// reads them back. One proxy per workload is asked (its pods share one config). A
// sidecar's outbound route configurations ("9080", "<host>:<port>") give its mesh view
// of each service; a gateway's ("http.8080", "https.443...") give the hosts it serves.
// Sources that were given identical routes share one table.

import type { MeshConfigSnapshot } from '../control/compile'
import type { ProxyConfig, Route, VirtualHost, WeightedCluster } from '../control/types'
import { faultText, matchText } from './match-text'
import type { RouteBranch, RouteDestination, RouteTable } from './types'

/** Route tables kept per topology; a cap for sessions with very many services. */
export const MAX_ROUTE_TABLES = 1000

/** Virtual hosts Istio adds for traffic outside the registry (no graph edge to draw). */
const CATCH_ALL = new Set(['allow_any', 'block_all'])

export interface RouteContext {
  readonly snapshot: MeshConfigSnapshot
  /** "namespace/pod" to workload id. */
  readonly podWorkload: ReadonlyMap<string, string>
  /** Registry hosts the topology lists as services. */
  readonly serviceIds: ReadonlySet<string>
}

function percentOf(weight: number, total: number): number {
  return total > 0 ? Math.round((weight / total) * 1000) / 10 : 0
}

function workloadsOf(cfg: ProxyConfig, cluster: string, ctx: RouteContext): string[] {
  const ids = new Set<string>()
  for (const ep of cfg.endpoints.get(cluster) ?? []) {
    const id = ep.pod && ctx.podWorkload.get(`${ep.pod.namespace}/${ep.pod.name}`)
    if (id) ids.add(id)
  }
  return [...ids].sort()
}

function destinationOf(cfg: ProxyConfig, c: WeightedCluster, total: number, ctx: RouteContext): RouteDestination {
  return {
    host: c.host, ...(ctx.serviceIds.has(c.host) ? { service: c.host } : {}), ...(c.subset ? { subset: c.subset } : {}),
    port: c.port, percent: percentOf(c.weight, total), workloads: workloadsOf(cfg, c.cluster, ctx),
  }
}

function branchOf(cfg: ProxyConfig, r: Route, ctx: RouteContext): RouteBranch {
  const a = r.action
  const common = {
    ...(r.name ? { name: r.name } : {}), match: matchText(r.match),
    ...(faultText(r.fault) ? { fault: faultText(r.fault) } : {}),
    ...(r.origin ? { virtualService: { kind: r.origin.virtualService.kind, namespace: r.origin.virtualService.namespace, name: r.origin.virtualService.name } } : {}),
  }
  if (a.kind === 'redirect') return { ...common, action: 'redirect', destinations: [], status: a.redirect.responseCode }
  if (a.kind === 'directResponse') return { ...common, action: 'directResponse', destinations: [], status: a.status }
  const total = a.clusters.reduce((s, c) => s + c.weight, 0)
  return {
    ...common, action: 'forward', destinations: a.clusters.map((c) => destinationOf(cfg, c, total, ctx)),
    ...(a.timeoutMs > 0 ? { timeoutMs: a.timeoutMs } : {}),
    ...(a.retryPolicy ? { retries: a.retryPolicy.numRetries } : {}),
  }
}

/** "reviews.default.svc.cluster.local:9080" -> host and port; a gateway's "*:80" keeps "*". */
function splitVirtualHost(name: string): { host: string; port: number } {
  const i = name.lastIndexOf(':')
  const port = Number(name.slice(i + 1))
  return i > 0 && Number.isInteger(port) ? { host: name.slice(0, i), port } : { host: name, port: 0 }
}

function tablesOfVirtualHost(cfg: ProxyConfig, vh: VirtualHost, ctx: RouteContext): Omit<RouteTable, 'sources'> | undefined {
  if (CATCH_ALL.has(vh.name) || vh.name.startsWith('blackhole:') || vh.routes.length === 0) return undefined
  const via = cfg.proxy.kind === 'gateway' ? 'gateway' : 'mesh'
  const { host, port } = splitVirtualHost(vh.name)
  const service = via === 'mesh' && ctx.serviceIds.has(host) ? host : undefined
  return { via, host: vh.name, ...(service ? { service } : {}), port, branches: vh.routes.map((r) => branchOf(cfg, r, ctx)) }
}

/** The outbound route tables one proxy holds (inbound and static route configurations are skipped). */
export function proxyRouteTables(cfg: ProxyConfig, ctx: RouteContext): Omit<RouteTable, 'sources'>[] {
  const out: Omit<RouteTable, 'sources'>[] = []
  for (const [key, rc] of cfg.routes) {
    if (key.startsWith('inbound|') || key.startsWith('static:')) continue
    for (const vh of rc.virtualHosts) {
      const t = tablesOfVirtualHost(cfg, vh, ctx)
      if (t) out.push(t)
    }
  }
  return out
}

/** Every workload's tables, identical ones merged with their sources listed; sorted by host then first source. */
export function buildRouteTables(ctx: RouteContext, workloadIds: ReadonlySet<string>): { tables: RouteTable[]; truncated: boolean } {
  const byKey = new Map<string, { table: Omit<RouteTable, 'sources'>; sources: string[] }>()
  const asked = new Set<string>()
  for (const proxy of ctx.snapshot.proxies()) {
    const workload = ctx.podWorkload.get(`${proxy.namespace}/${proxy.pod}`)
    if (!workload || asked.has(workload) || !workloadIds.has(workload)) continue
    asked.add(workload)
    const cfg = ctx.snapshot.forPod(proxy.namespace, proxy.pod)
    for (const table of cfg ? proxyRouteTables(cfg, ctx) : []) {
      const key = JSON.stringify(table)
      const hit = byKey.get(key)
      if (hit) hit.sources.push(workload)
      else byKey.set(key, { table, sources: [workload] })
    }
  }
  const tables = [...byKey.values()].map(({ table, sources }) => ({ ...table, sources: sources.sort() }))
  tables.sort((a, b) => (a.host === b.host ? (a.sources[0]! < b.sources[0]! ? -1 : 1) : a.host < b.host ? -1 : 1))
  return { tables: tables.slice(0, MAX_ROUTE_TABLES), truncated: tables.length > MAX_ROUTE_TABLES }
}
