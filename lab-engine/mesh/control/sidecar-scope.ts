// Sidecar resources: which one scopes a proxy, and which hosts its egress lets the proxy see.
//
// Istio Sidecar reference: a Sidecar with a workloadSelector applies to the selected
// workloads in its namespace; one without applies to every workload in its namespace;
// one in the root namespace without selector is the mesh-wide default. Egress `hosts`
// are `namespace/dnsName` ("./*" own namespace, "*/" any, "~/" none); only services
// and VirtualServices they match are configured on the proxy. outboundTrafficPolicy in
// a Sidecar overrides the mesh's. Assumption: egress `port` and `bind` and the ingress
// section are not modelled (every egress entry covers every port).

import type { Labels } from '../../cluster/types'
import { hostMatches, hostsIntersect, splitNamespacedHost } from './hosts'
import type { IstioResource, SidecarSpec } from './istio-specs'
import type { MeshSettings } from './mesh-settings'
import type { ConfigRef, OutboundTrafficPolicyMode } from './types'

export interface SidecarScope {
  ref?: ConfigRef
  outboundTrafficPolicy: OutboundTrafficPolicyMode
  /** True when this host (declared in `namespace`) is visible; always true without a Sidecar. */
  allows(host: string, namespace: string): boolean
}

export function sidecarScopeFor(sidecars: IstioResource<SidecarSpec>[], proxyNamespace: string, labels: Labels, mesh: MeshSettings): SidecarScope {
  const chosen = pickSidecar(sidecars, proxyNamespace, labels, mesh.rootNamespace)
  if (!chosen) return { outboundTrafficPolicy: mesh.outboundTrafficPolicy, allows: () => true }
  const entries = (chosen.spec.egress ?? []).flatMap((e) => e.hosts ?? []).map((h) => splitNamespacedHost(h, proxyNamespace))
  const mode = chosen.spec.outboundTrafficPolicy?.mode
  return {
    ref: chosen.ref,
    outboundTrafficPolicy: mode === 'REGISTRY_ONLY' || mode === 'ALLOW_ANY' ? mode : mesh.outboundTrafficPolicy,
    allows: (host, namespace) => (chosen.spec.egress === undefined) || entries.some((e) => namespaceOk(e.namespace, namespace) && (hostMatches(e.host, host) || hostsIntersect(e.host, host))),
  }
}

function namespaceOk(pattern: string, namespace: string): boolean {
  if (pattern === '~') return false
  return pattern === '*' || pattern === namespace
}

function pickSidecar(sidecars: IstioResource<SidecarSpec>[], ns: string, labels: Labels, root: string): IstioResource<SidecarSpec> | undefined {
  const own = sidecars.filter((s) => s.ref.namespace === ns)
  const selected = own.find((s) => s.spec.workloadSelector && Object.entries(s.spec.workloadSelector.labels ?? {}).every(([k, v]) => labels[k] === v))
  return selected ?? own.find((s) => !s.spec.workloadSelector) ?? sidecars.find((s) => s.ref.namespace === root && !s.spec.workloadSelector)
}
