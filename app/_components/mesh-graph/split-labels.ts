// Edge labels from compiled routes: "90%" / "10%" for a weighted split, "end-user=jason" for a header branch, a gateway's matches.
//
// Deterministic (DESIGN.md: graph split labels come from the compiled route config,
// not from sampled traffic). A service's label uses the route table most sidecars
// were given; tables for other sources show in the side panel. A service without a
// VirtualService gets no label: Kubernetes balances over all its workloads.
import type { RouteBranch, RouteTable } from '@/lab-engine/mesh/graph/types'

/** The mesh table most sources share for each service (the first on a tie). */
export function mainTables(routes: readonly RouteTable[]): Map<string, RouteTable> {
  const out = new Map<string, RouteTable>()
  for (const t of routes) {
    if (t.via !== 'mesh' || !t.service) continue
    const best = out.get(t.service)
    if (!best || t.sources.length > best.sources.length) out.set(t.service, t)
  }
  return out
}

function branchPart(b: RouteBranch, percent: number): string {
  const share = `${percent}%`
  const base = b.match ? (percent < 100 ? `${b.match}: ${share}` : b.match) : share
  return b.fault ? `${base} (${b.fault})` : base
}

/** Labels per service and workload id, for services whose routes come from a VirtualService. */
export function splitLabels(routes: readonly RouteTable[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const [service, table] of mainTables(routes)) {
    if (!table.branches.some((b) => b.virtualService)) continue
    const parts = new Map<string, string[]>()
    for (const b of table.branches) {
      for (const d of b.destinations) {
        for (const w of d.workloads) parts.set(w, [...(parts.get(w) ?? []), branchPart(b, d.percent)])
      }
    }
    out.set(service, new Map([...parts].map(([w, p]) => [w, p.join(' | ')])))
  }
  return out
}

/** A gateway table's label per destination service: its one match, or how many routes lead there. */
export function gatewayLabel(table: RouteTable): Map<string, string> {
  const matches = new Map<string, string[]>()
  for (const b of table.branches) {
    for (const d of b.destinations) if (d.service) matches.set(d.service, [...(matches.get(d.service) ?? []), b.match || 'all requests'])
  }
  return new Map([...matches].map(([svc, m]) => [svc, m.length === 1 ? m[0]! : `${m.length} routes`]))
}
