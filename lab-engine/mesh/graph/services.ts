// Services for the graph: the mesh registry's hosts with the workloads behind them, their VirtualService, DestinationRule and subsets.
//
// All from the compiled config (mesh/control): the registry gives hosts and their
// endpoints' pods; a sidecar's clusters say which DestinationRule shaped them and
// which subsets exist (Istio builds one cluster per subset: outbound|port|subset|host);
// the route tables' origins name the VirtualService that owns the host.

import type { MeshConfigSnapshot } from '../control/compile'
import type { MeshService } from '../control/registry'
import type { ProxyConfig } from '../control/types'
import type { ConfigName, RouteTable, TopologyService, TopologySubset } from './types'

/** Services drawn at most (ServiceEntries included). */
export const MAX_TOPOLOGY_SERVICES = 300

function shortName(svc: MeshService): string {
  const suffix = `.${svc.namespace}.svc.cluster.local`
  return svc.hostname.endsWith(suffix) ? svc.hostname.slice(0, -suffix.length) : svc.hostname
}

function workloadsOf(svc: MeshService, podWorkload: ReadonlyMap<string, string>): string[] {
  const ids = new Set<string>()
  for (const i of svc.instances) {
    const id = i.endpoint.pod && podWorkload.get(`${i.endpoint.pod.namespace}/${i.endpoint.pod.name}`)
    if (id) ids.add(id)
  }
  return [...ids].sort()
}

function subsetsOf(svc: MeshService, cfg: ProxyConfig | undefined, podWorkload: ReadonlyMap<string, string>): TopologySubset[] {
  if (!cfg) return []
  const port = svc.ports[0]?.port
  const out: TopologySubset[] = []
  for (const c of cfg.clusters.values()) {
    if (c.host !== svc.hostname || !c.subset || c.port !== port) continue
    const ids = new Set((cfg.endpoints.get(c.name) ?? []).flatMap((ep) => (ep.pod ? [podWorkload.get(`${ep.pod.namespace}/${ep.pod.name}`) ?? []].flat() : [])))
    out.push({ name: c.subset, workloads: [...ids].sort() })
  }
  return out
}

function destinationRuleOf(svc: MeshService, cfg: ProxyConfig | undefined): ConfigName | undefined {
  const port = svc.ports[0]?.port
  const ref = port !== undefined ? cfg?.clusters.get(`outbound|${port}||${svc.hostname}`)?.destinationRule : undefined
  return ref && { kind: 'DestinationRule', namespace: ref.namespace, name: ref.name }
}

function virtualServiceOf(host: string, tables: readonly RouteTable[]): ConfigName | undefined {
  for (const t of tables) {
    if (t.via !== 'mesh' || t.service !== host) continue
    const vs = t.branches.find((b) => b.virtualService)?.virtualService
    if (vs) return vs
  }
  return undefined
}

/**
 * Services sorted by namespace then name. `viewerFor` gives a sidecar whose config shows
 * the DestinationRules and subsets (one in the service's namespace when there is one).
 */
export function buildServices(snapshot: MeshConfigSnapshot, viewerFor: (namespace: string) => ProxyConfig | undefined, podWorkload: ReadonlyMap<string, string>, tables: readonly RouteTable[]): { services: TopologyService[]; truncated: boolean } {
  const seen = new Set<string>()
  const all = snapshot.services.filter((s) => (seen.has(s.hostname) ? false : (seen.add(s.hostname), true)))
  const built = all.map((svc): TopologyService => {
    const vs = virtualServiceOf(svc.hostname, tables)
    const viewer = viewerFor(svc.namespace)
    const dr = destinationRuleOf(svc, viewer)
    return {
      id: svc.hostname, namespace: svc.namespace, name: shortName(svc),
      ports: svc.ports.map((p) => ({ port: p.port, name: p.name, protocol: p.protocol })),
      external: Boolean(svc.serviceEntry), workloads: workloadsOf(svc, podWorkload),
      ...(vs ? { virtualService: vs } : {}), ...(dr ? { destinationRule: dr } : {}),
      subsets: subsetsOf(svc, viewer, podWorkload),
    }
  })
  built.sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.namespace < b.namespace ? -1 : 1))
  return { services: built.slice(0, MAX_TOPOLOGY_SERVICES), truncated: built.length > MAX_TOPOLOGY_SERVICES }
}
