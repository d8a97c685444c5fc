// buildMeshTopology: the mesh graph's nodes and compiled routes from a cluster's objects, whichever driver listed them.
//
// Driver neutral: it takes `ClusterDriver.list()` results (see topology-objects.ts),
// rebuilds a store and asks the control-plane compiler for each workload's proxy
// config, so a kind cluster draws the same graph as the sim. Splits come from that
// compiled config (Kiali draws them from config too), never from sampled traffic.

import type { KubeObject } from '../../cluster/types'
import { compileMesh } from '../control/compile'
import type { ProxyConfig } from '../control/types'
import { objectStoreOf, type ListedObject } from './object-store-of'
import { buildRouteTables } from './route-tables'
import { buildServices } from './services'
import { TOPOLOGY_VERSION, type MeshTopology, type TopologyNamespace, type TopologyWorkload } from './types'
import { buildWorkloads, mtlsFor, policyContext, type PolicyContext } from './workloads'

function injectionOf(ns: KubeObject): TopologyNamespace['injection'] {
  const labels = ns.metadata.labels ?? {}
  if (labels['istio-injection'] === 'disabled') return 'disabled'
  return labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] ? 'enabled' : 'unset'
}

function namespacesOf(namespaces: KubeObject[], ctx: PolicyContext): TopologyNamespace[] {
  return namespaces.map((ns) => ({
    name: ns.metadata.name,
    injection: injectionOf(ns),
    mtls: mtlsFor(ctx, { namespace: ns.metadata.name, labels: {} }),
  }))
}

/** The topology of the objects given (any order; unknown kinds are ignored). */
export function buildMeshTopology(objects: readonly ListedObject[]): MeshTopology {
  const { store, dropped } = objectStoreOf(objects)
  const policies = policyContext(store)
  const snapshot = compileMesh(store)
  const { workloads, podWorkload, truncated: manyWorkloads } = buildWorkloads(store, policies)
  const workloadIds = new Set(workloads.map((w) => w.id))
  const serviceIds = new Set(snapshot.services.map((s) => s.hostname))
  const { tables, truncated: manyRoutes } = buildRouteTables({ snapshot, podWorkload, serviceIds }, workloadIds)

  const sidecars = snapshot.proxies().filter((p) => p.kind === 'sidecar')
  const viewers = new Map<string, ProxyConfig | undefined>()
  const viewerFor = (namespace: string) => {
    if (!viewers.has(namespace)) {
      const p = sidecars.find((s) => s.namespace === namespace) ?? sidecars[0]
      viewers.set(namespace, p && snapshot.forPod(p.namespace, p.pod))
    }
    return viewers.get(namespace)
  }
  const { services, truncated: manyServices } = buildServices(snapshot, viewerFor, podWorkload, tables)

  const servicesOf = new Map<string, string[]>()
  for (const s of services) for (const w of s.workloads) servicesOf.set(w, [...(servicesOf.get(w) ?? []), s.id])
  const withServices: TopologyWorkload[] = workloads.map((w) => ({ ...w, services: servicesOf.get(w.id) ?? [] }))

  return {
    v: TOPOLOGY_VERSION,
    namespaces: namespacesOf(store.list({ kind: 'Namespace' }), policies),
    workloads: withServices,
    services,
    routes: tables,
    truncated: dropped > 0 || manyWorkloads || manyRoutes || manyServices,
  }
}
