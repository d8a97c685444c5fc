// The graph model: nodes and edges from a topology (compiled splits) and live edge stats, before Cytoscape sees them.
//
// Kiali's versioned-app graph: a service node fans out to its workloads; calls go from a
// workload to the service it called (kiali.io/docs/features/topology/). `edges`
// samples join workloads, so a call to a service's workload is drawn through that
// service: source -> service -> workload. Split labels come from the route table most
// sources share (the compiled config), never from the traffic.
import type { MeshTopology, RouteTable, TopologyService, TopologyWorkload } from '@/lab-engine/mesh/graph/types'
import { splitLabels, gatewayLabel } from './split-labels'
import type { EdgeStats } from './edge-window'

export type NodeKind = 'namespace' | 'service' | 'workload' | 'unknown' | 'external'

export interface GraphNode {
  readonly id: string
  readonly kind: NodeKind
  readonly label: string
  /** The namespace box it sits in. */
  readonly parent?: string
  /** Topology id: workload "ns/name", service host, namespace name. */
  readonly ref: string
  readonly classes: readonly string[]
}

export interface GraphEdge {
  readonly id: string
  readonly source: string
  readonly target: string
  /** "90%", "end-user=jason", "uri /productpage": from the compiled routes. */
  readonly split?: string
  readonly traffic?: EdgeStats
  readonly classes: readonly string[]
}

export interface GraphModel {
  readonly nodes: readonly GraphNode[]
  readonly edges: readonly GraphEdge[]
}

/** Namespaces Kiali hides by default; their gateways and anything with traffic still show. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['istio-system', 'kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'])

export const UNKNOWN_NODE = 'unknown'
export const nsNode = (ns: string) => `ns:${ns}`
export const svcNode = (host: string) => `svc:${host}`
export const wlNode = (id: string) => `wl:${id}`
const extNode = (host: string) => `ext:${host}`

export interface GraphOptions {
  /** Show every workload and service of the system namespaces too. */
  readonly showSystem: boolean
}

interface Draft { nodes: Map<string, GraphNode>; edges: Map<string, { source: string; target: string; split?: string; traffic?: EdgeStats; gateway?: boolean }> }

function workloadNode(w: TopologyWorkload): GraphNode {
  const classes = ['workload', ...(w.injected ? [] : ['no-sidecar']), ...(w.gateway ? ['gateway'] : []),
    ...(w.readyPods < w.pods || w.pods === 0 ? ['degraded'] : []), ...(w.mtls.mode === 'STRICT' ? ['strict'] : [])]
  const label = w.gateway || !w.app || !w.version ? w.name : `${w.app} ${w.version}`
  return { id: wlNode(w.id), kind: 'workload', label, parent: nsNode(w.namespace), ref: w.id, classes }
}

function serviceNode(s: TopologyService): GraphNode {
  const classes = ['service', ...(s.external ? ['external'] : []), ...(s.virtualService ? ['routed'] : [])]
  return { id: svcNode(s.id), kind: 'service', label: s.name, ...(s.external ? {} : { parent: nsNode(s.namespace) }), ref: s.id, classes }
}

function addEdge(d: Draft, source: string, target: string, patch: { split?: string; traffic?: EdgeStats; gateway?: boolean }): void {
  const id = `${source}->${target}`
  const prev = d.edges.get(id) ?? { source, target }
  const traffic = patch.traffic && prev.traffic ? mergeStats(prev.traffic, patch.traffic) : (patch.traffic ?? prev.traffic)
  d.edges.set(id, { ...prev, ...(patch.split ? { split: patch.split } : {}), ...(traffic ? { traffic } : {}), ...(patch.gateway ? { gateway: true } : {}) })
}

export function mergeStats(a: EdgeStats, b: EdgeStats): EdgeStats {
  const requests = a.requests + b.requests
  const errors = a.errors + b.errors
  return {
    from: a.from, to: a.to, requests, errors, rps: Math.round((a.rps + b.rps) * 10) / 10,
    errorPercent: requests > 0 ? Math.round((errors / requests) * 1000) / 10 : 0,
    p99Ms: Math.max(a.p99Ms, b.p99Ms),
    mtlsRatio: requests > 0 ? (a.mtlsRatio * a.requests + b.mtlsRatio * b.requests) / requests : 0,
  }
}

/** The node a sample's endpoint names: a known workload, a registry service, "unknown", or an external host. */
function endpointNode(d: Draft, t: Indexed, name: string): string {
  if (name === UNKNOWN_NODE) {
    d.nodes.set(UNKNOWN_NODE, { id: UNKNOWN_NODE, kind: 'unknown', label: 'unknown', ref: UNKNOWN_NODE, classes: ['unknown'] })
    return UNKNOWN_NODE
  }
  const w = t.workloads.get(name)
  if (w) return wlNode(w.id)
  const s = t.services.get(name)
  if (s) return svcNode(s.id)
  d.nodes.set(extNode(name), { id: extNode(name), kind: 'external', label: name, ref: name, classes: ['external'] })
  return extNode(name)
}

function addTraffic(d: Draft, t: Indexed, s: EdgeStats): void {
  const source = endpointNode(d, t, s.from)
  const target = endpointNode(d, t, s.to)
  const via = t.workloads.get(s.to)?.services[0]
  if (via && t.services.has(via) && source !== svcNode(via)) {
    addEdge(d, source, svcNode(via), { traffic: s })
    addEdge(d, svcNode(via), target, { traffic: s })
  } else {
    addEdge(d, source, target, { traffic: s })
  }
}

interface Indexed {
  workloads: Map<string, TopologyWorkload>
  services: Map<string, TopologyService>
}

function addRoutes(d: Draft, t: Indexed, topology: MeshTopology): void {
  for (const s of topology.services) for (const w of s.workloads) addEdge(d, svcNode(s.id), wlNode(w), {})
  for (const [service, labels] of splitLabels(topology.routes)) {
    for (const [workload, split] of labels) if (t.workloads.has(workload)) addEdge(d, svcNode(service), wlNode(workload), { split })
  }
  for (const table of topology.routes.filter((r: RouteTable) => r.via === 'gateway')) {
    for (const [service, split] of gatewayLabel(table)) {
      if (t.services.has(service)) for (const g of table.sources) addEdge(d, wlNode(g), svcNode(service), { split, gateway: true })
    }
  }
}

/**
 * Nodes that stay visible: outside system namespaces, gateways with routes, and anything
 * with traffic. A service with no workloads and no edges (the API server's `kubernetes`)
 * is hidden like Kiali hides it; ServiceEntry hosts stay.
 */
function visibleIds(d: Draft, opts: GraphOptions): Set<string> {
  const linked = new Set([...d.edges.values()].flatMap((e) => [e.source, e.target]))
  const idle = (n: GraphNode) => n.kind === 'service' && !n.classes.includes('external') && !linked.has(n.id)
  const keep = new Set<string>()
  for (const n of d.nodes.values()) if ((opts.showSystem || !n.parent || !SYSTEM_NAMESPACES.has(n.parent.slice(3))) && !idle(n)) keep.add(n.id)
  for (const e of d.edges.values()) {
    if (e.traffic || (e.gateway && keep.has(e.target))) [e.source, e.target].forEach((id) => keep.add(id))
  }
  return keep
}

/** The graph for a topology and the current window's stats (keyed "from -> to" as EdgeWindow gives them). */
export function buildGraph(topology: MeshTopology, stats: ReadonlyMap<string, EdgeStats>, opts: GraphOptions): GraphModel {
  const t: Indexed = { workloads: new Map(topology.workloads.map((w) => [w.id, w])), services: new Map(topology.services.map((s) => [s.id, s])) }
  const d: Draft = { nodes: new Map(), edges: new Map() }
  for (const w of topology.workloads) d.nodes.set(wlNode(w.id), workloadNode(w))
  for (const s of topology.services) d.nodes.set(svcNode(s.id), serviceNode(s))
  addRoutes(d, t, topology)
  for (const s of stats.values()) addTraffic(d, t, s)
  const keep = visibleIds(d, opts)
  const nodes = [...d.nodes.values()].filter((n) => keep.has(n.id))
  const namespaces = [...new Set(nodes.flatMap((n) => (n.parent ? [n.parent] : [])))].sort()
  const boxes: GraphNode[] = namespaces.map((id) => ({ id, kind: 'namespace', label: id.slice(3), ref: id.slice(3), classes: ['namespace'] }))
  const edges = [...d.edges.entries()].filter(([, e]) => keep.has(e.source) && keep.has(e.target)).map(([id, e]): GraphEdge => ({
    id, source: e.source, target: e.target, ...(e.split ? { split: e.split } : {}), ...(e.traffic ? { traffic: e.traffic } : {}),
    classes: [e.gateway ? 'gateway-route' : 'route', ...(e.traffic ? ['traffic'] : []), ...(e.traffic && e.traffic.errors > 0 ? ['failing'] : []),
      ...(e.traffic && e.traffic.mtlsRatio >= 0.5 ? ['mtls'] : []), ...(e.split ? ['split'] : [])],
  }))
  return { nodes: [...boxes, ...nodes], edges }
}
