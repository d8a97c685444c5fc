// What the side panel says about a clicked node or edge: its routes, subsets and the policies that apply, as titled rows.
//
// Follows Kiali's side panel: a service lists its VirtualService, DestinationRule and
// subsets; a workload its pods, sidecar, mTLS mode and policies; an edge the routes
// its source proxy holds for the destination and the figures of the window.
import type { ConfigName, MeshTopology, RouteBranch, RouteTable, TopologyService, TopologyWorkload } from '@/lab-engine/mesh/graph/types'
import { trafficLabel } from './edge-window'
import type { GraphEdge, GraphModel } from './graph-model'

export interface DetailSection {
  readonly title: string
  readonly rows: readonly (readonly [label: string, value: string])[]
}

export interface Details {
  readonly heading: string
  readonly sections: readonly DetailSection[]
}

const configText = (c: ConfigName | undefined) => (c ? `${c.name}.${c.namespace}` : 'none')
const short = (workloadId: string) => workloadId.split('/')[1] ?? workloadId

function branchRow(b: RouteBranch): readonly [string, string] {
  const where = b.destinations.map((d) => `${d.service ? d.host.split('.')[0] : d.host}${d.subset ? ` (${d.subset})` : ''} ${d.percent}%${d.workloads.length === 0 ? ' — no workloads' : ''}`)
  const action = b.action === 'forward' ? where.join(', ') : `${b.action} ${b.status ?? ''}`.trim()
  const extras = [b.fault, b.timeoutMs ? `timeout ${b.timeoutMs}ms` : '', b.virtualService ? `from ${configText(b.virtualService)}` : 'default route'].filter(Boolean)
  return [b.match || 'all requests', `${action}${extras.length ? ` · ${extras.join(' · ')}` : ''}`]
}

function tableSection(t: RouteTable): DetailSection {
  const from = t.sources.length > 3 ? `${t.sources.slice(0, 3).map(short).join(', ')} and ${t.sources.length - 3} more` : t.sources.map(short).join(', ')
  const host = t.host.replace('.svc.cluster.local:', ':')
  return { title: `${t.via === 'gateway' ? 'Gateway routes' : 'Routes'} for ${host} (${from})`, rows: t.branches.map(branchRow) }
}

function serviceDetails(s: TopologyService, topology: MeshTopology): Details {
  const tables = topology.routes.filter((t) => t.service === s.id || (t.via === 'gateway' && t.branches.some((b) => b.destinations.some((d) => d.service === s.id))))
  return {
    heading: `Service ${s.name} (${s.namespace})`,
    sections: [
      { title: 'Service', rows: [['Host', s.id], ['Ports', s.ports.map((p) => `${p.port}/${p.protocol}${p.name ? ` (${p.name})` : ''}`).join(', ') || 'none'], ['VirtualService', configText(s.virtualService)], ['DestinationRule', configText(s.destinationRule)], ['Workloads', s.workloads.map(short).join(', ') || 'none']] },
      ...(s.subsets.length ? [{ title: 'Subsets', rows: s.subsets.map((x) => [x.name, x.workloads.map(short).join(', ') || 'no workloads match'] as const) }] : []),
      ...tables.map(tableSection),
    ],
  }
}

function workloadDetails(w: TopologyWorkload): Details {
  const mtls = `${w.mtls.mode} (${w.mtls.source === 'default' ? 'Istio default' : `${w.mtls.source} policy ${configText(w.mtls.policy)}`})`
  return {
    heading: `Workload ${w.name} (${w.namespace})`,
    sections: [
      { title: 'Workload', rows: [['Kind', w.kind], ['App', w.app ?? '—'], ['Version', w.version ?? '—'], ['Pods ready', `${w.readyPods}/${w.pods}`], ['Sidecar', w.gateway ? 'gateway proxy' : w.injected ? 'istio-proxy' : 'none (not in the mesh)'], ['Services', w.services.join(', ') || 'none']] },
      { title: 'Security', rows: [['mTLS', mtls], ...w.policies.map((p) => [p.kind, configText(p)] as const)] },
    ],
  }
}

function trafficRows(e: GraphEdge): DetailSection {
  if (!e.traffic) return { title: 'Traffic (last 10 s)', rows: [['Requests', 'none']] }
  const t = e.traffic
  return { title: 'Traffic (last 10 s)', rows: [['Requests', String(t.requests)], ['Figures', trafficLabel(t)], ['Errors', `${t.errors} (5xx or no response)`], ['mTLS', `${Math.round(t.mtlsRatio * 100)}% of requests`]] }
}

function edgeDetails(e: GraphEdge, model: GraphModel, topology: MeshTopology): Details {
  const node = (id: string) => model.nodes.find((n) => n.id === id)
  const [from, to] = [node(e.source), node(e.target)]
  const sections: DetailSection[] = [trafficRows(e)]
  if (e.split) sections.unshift({ title: 'Split (compiled routes)', rows: [['Label', e.split]] })
  // A caller's own proxy holds the routes that decide where its requests go.
  if (from?.kind === 'workload' && to?.kind === 'service') sections.push(...topology.routes.filter((t) => t.sources.includes(from.ref) && (t.service === to.ref || t.branches.some((b) => b.destinations.some((d) => d.service === to.ref)))).map(tableSection))
  if (from?.kind === 'service' && to?.kind === 'workload') {
    const svc = topology.services.find((s) => s.id === from.ref)
    if (svc) sections.push({ title: 'Configuration', rows: [['VirtualService', configText(svc.virtualService)], ['DestinationRule', configText(svc.destinationRule)], ['Subsets', svc.subsets.filter((x) => x.workloads.includes(to.ref)).map((x) => x.name).join(', ') || 'none']] })
  }
  const dest = to?.kind === 'workload' ? topology.workloads.find((w) => w.id === to.ref) : undefined
  if (dest) sections.push(workloadDetails(dest).sections[1]!)
  return { heading: `${from?.label ?? e.source} → ${to?.label ?? e.target}`, sections }
}

/** Details for a node or edge id of the model, or undefined when it is gone. */
export function detailsFor(id: string, model: GraphModel, topology: MeshTopology): Details | undefined {
  const e = model.edges.find((x) => x.id === id)
  if (e) return edgeDetails(e, model, topology)
  const n = model.nodes.find((x) => x.id === id)
  if (!n) return undefined
  if (n.kind === 'service') {
    const s = topology.services.find((x) => x.id === n.ref)
    return s && serviceDetails(s, topology)
  }
  if (n.kind === 'workload') {
    const w = topology.workloads.find((x) => x.id === n.ref)
    return w && workloadDetails(w)
  }
  if (n.kind === 'namespace') {
    const ns = topology.namespaces.find((x) => x.name === n.ref)
    return ns && { heading: `Namespace ${ns.name}`, sections: [{ title: 'Namespace', rows: [['Sidecar injection', ns.injection], ['mTLS (namespace-wide)', `${ns.mtls.mode}${ns.mtls.policy ? ` from ${configText(ns.mtls.policy)}` : ''}`]] }] }
  }
  const what = n.kind === 'unknown' ? 'Requests from outside the mesh (no sidecar reported who sent them), e.g. curl from your terminal through the ingress gateway.' : 'A host outside the service registry.'
  return { heading: n.label, sections: [{ title: n.kind === 'unknown' ? 'Unknown source' : 'External host', rows: [['About', what]] }] }
}
