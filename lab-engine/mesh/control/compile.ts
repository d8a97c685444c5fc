// compileMesh: the control plane's entry point -- per-proxy Envoy config for the store's current state, cached by version.
//
// Like istiod, the compile is a pure function of the configuration: the same store
// version always yields the same config, so a snapshot is cached per store and
// resourceVersion and reused until something changes. The store does not hand out a
// new resourceVersion on delete, so the key is the version plus the object count. Each proxy is compiled on first
// request and kept (istiod pushes to every proxy; the sim only pays for proxies asked about).

import type { ObjectStore } from '../../cluster/store'
import { compileGateway } from './gateway-proxy'
import { buildMeshIndex, type MeshIndex } from './mesh-index'
import type { MeshSettings } from './mesh-settings'
import type { MeshService } from './registry'
import { compileSidecar } from './sidecar-proxy'
import type { ProxyConfig, ProxyIdentity } from './types'

export interface MeshConfigSnapshot {
  /** The store state this snapshot compiled: "<resourceVersion>/<object count>". */
  readonly resourceVersion: string
  readonly settings: MeshSettings
  /** The service registry (Kubernetes services and ServiceEntries) the proxies were compiled from. */
  readonly services: readonly MeshService[]
  /** Every proxy (sidecar or gateway pod with an IP), sorted by namespace then name. */
  proxies(): readonly ProxyIdentity[]
  /** The config of one pod's proxy; undefined for pods without istio-proxy or not yet given an IP. */
  forPod(namespace: string, name: string): ProxyConfig | undefined
}

const cache = new WeakMap<ObjectStore, MeshConfigSnapshot>()

/** The compiled mesh for the store as it is now; repeated calls at one resourceVersion return the same snapshot. */
export function compileMesh(store: ObjectStore): MeshConfigSnapshot {
  const rv = `${store.resourceVersion()}/${store.size()}`
  const cached = cache.get(store)
  if (cached && cached.resourceVersion === rv) return cached
  const snapshot = snapshotOf(buildMeshIndex(store), rv)
  cache.set(store, snapshot)
  return snapshot
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
