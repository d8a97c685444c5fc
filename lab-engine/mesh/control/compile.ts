// compileMesh: the control plane's entry point -- per-proxy Envoy config for the store's current state, cached by version.
//
// Like istiod, the compile is a pure function of the configuration: the same
// configuration always yields the same config, so a snapshot is cached per store and
// rebuilt only after a change to a kind the mesh reads (Services, Endpoints, Pods, Nodes,
// Namespaces, Istio networking resources, the `istio` mesh ConfigMap) -- istiod likewise
// pushes only on relevant config events. Each proxy is compiled on first request and
// kept (istiod pushes to every proxy; the sim only pays for proxies asked about).

import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { ISTIO_NAMESPACE } from '../../istio/version'
import { compileGateway } from './gateway-proxy'
import { buildMeshIndex, type MeshIndex } from './mesh-index'
import type { MeshSettings } from './mesh-settings'
import type { MeshService } from './registry'
import { compileSidecar } from './sidecar-proxy'
import type { ProxyConfig, ProxyIdentity } from './types'

export interface MeshConfigSnapshot {
  /** The store's resourceVersion when this snapshot was compiled. */
  readonly resourceVersion: string
  readonly settings: MeshSettings
  /** The service registry (Kubernetes services and ServiceEntries) the proxies were compiled from. */
  readonly services: readonly MeshService[]
  /** Every proxy (sidecar or gateway pod with an IP), sorted by namespace then name. */
  proxies(): readonly ProxyIdentity[]
  /** The config of one pod's proxy; undefined for pods without istio-proxy or not yet given an IP. */
  forPod(namespace: string, name: string): ProxyConfig | undefined
}

const MESH_KINDS = new Set(['Service', 'Endpoints', 'Pod', 'Node', 'Namespace', 'VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'CustomResourceDefinition'])

function meshRelevant(obj: KubeObject): boolean {
  if (obj.kind === 'ConfigMap') return obj.metadata.name === 'istio' && obj.metadata.namespace === ISTIO_NAMESPACE
  return MESH_KINDS.has(obj.kind)
}

/** Counts relevant changes per store through one watch that lives as long as the store. */
interface Tracker { changes: number; builtAt: number; snapshot?: MeshConfigSnapshot }
const trackers = new WeakMap<ObjectStore, Tracker>()

function trackerFor(store: ObjectStore): Tracker {
  let t = trackers.get(store)
  if (!t) {
    const created: Tracker = { changes: 0, builtAt: -1 }
    store.watch((ev) => { if (meshRelevant(ev.object)) created.changes++ })
    trackers.set(store, created)
    t = created
  }
  return t
}

/** The compiled mesh for the store as it is now; calls with no relevant change in between return the same snapshot. */
export function compileMesh(store: ObjectStore): MeshConfigSnapshot {
  const t = trackerFor(store)
  if (t.snapshot && t.builtAt === t.changes) return t.snapshot
  t.snapshot = snapshotOf(buildMeshIndex(store), store.resourceVersion())
  t.builtAt = t.changes
  return t.snapshot
}

function snapshotOf(index: MeshIndex, resourceVersion: string): MeshConfigSnapshot {
  const compiled = new Map<string, ProxyConfig>()
  const byKey = new Map(index.proxies.map((p) => [`${p.namespace}/${p.pod}`, p]))
  return {
    resourceVersion,
    settings: index.mesh,
    services: index.services,
    proxies: () => index.proxies,
    forPod(namespace, name) {
      const key = `${namespace}/${name}`
      const hit = compiled.get(key)
      if (hit) return hit
      const proxy = byKey.get(key)
      if (!proxy) return undefined
      const config = proxy.kind === 'gateway' ? compileGateway(index, proxy) : compileSidecar(index, proxy)
      compiled.set(key, config)
      return config
    },
  }
}
