// The inputs every proxy's compile shares, read once per store version: registry, Istio resources, mesh settings.
//
// istiod keeps one PushContext per configuration version and derives each proxy's
// view from it (pilot's "push context"); this is the sim's equivalent.

import type { ObjectStore } from '../../cluster/store'
import type { KubeObject, Labels } from '../../cluster/types'
import { byAge, istioResource, type DestinationRuleSpec, type GatewaySpec, type IstioResource, type SidecarSpec, type VirtualServiceSpec } from './istio-specs'
import { readMeshSettings, type MeshSettings } from './mesh-settings'
import { buildRegistry, type MeshService } from './registry'
import type { ProxyIdentity } from './types'

export interface MeshIndex {
  mesh: MeshSettings
  services: MeshService[]
  virtualServices: IstioResource<VirtualServiceSpec>[]
  destinationRules: IstioResource<DestinationRuleSpec>[]
  gateways: IstioResource<GatewaySpec>[]
  sidecars: IstioResource<SidecarSpec>[]
  /** Services (Kubernetes) by namespace, for "which services select this gateway pod". */
  kubeServices: KubeObject[]
  proxies: ProxyIdentity[]
  /** First registry entry per hostname (Kubernetes Services before ServiceEntries). */
  serviceByHost: Map<string, MeshService>
  /** Whether any VirtualService match uses sourceLabels (then outbound routes depend on the workload's labels). */
  usesSourceLabels: boolean
  /** Memo of DestinationRule choices and shared outbound views, filled while proxies compile. */
  memo: Map<string, unknown>
}

/** Istio kinds the store may not serve yet (no CRDs before `istioctl install`): treated as empty. */
function listIstio(store: ObjectStore, kind: string): KubeObject[] {
  try {
    return store.list({ kind })
  } catch {
    return []
  }
}

export function buildMeshIndex(store: ObjectStore): MeshIndex {
  const services = buildRegistry(store)
  const serviceByHost = new Map<string, MeshService>()
  for (const svc of services) if (!serviceByHost.has(svc.hostname)) serviceByHost.set(svc.hostname, svc)
  const virtualServices = byAge(listIstio(store, 'VirtualService').map((o) => istioResource<VirtualServiceSpec>(o, 'VirtualService')))
  return {
    mesh: readMeshSettings(store),
    services,
    serviceByHost,
    usesSourceLabels: virtualServices.some((vs) => (vs.spec.http ?? []).some((r) => (r.match ?? []).some((m) => m.sourceLabels))),
    memo: new Map(),
    virtualServices,
    destinationRules: byAge(listIstio(store, 'DestinationRule').map((o) => istioResource<DestinationRuleSpec>(o, 'DestinationRule'))),
    gateways: byAge(listIstio(store, 'Gateway').filter((o) => o.apiVersion.startsWith('networking.istio.io/')).map((o) => istioResource<GatewaySpec>(o, 'Gateway'))),
    sidecars: byAge(listIstio(store, 'Sidecar').map((o) => istioResource<SidecarSpec>(o, 'Sidecar'))),
    kubeServices: store.list({ kind: 'Service' }),
    proxies: store.list({ kind: 'Pod' }).flatMap((p) => proxyIdentity(p) ?? []),
  }
}

interface PodSpec { serviceAccountName?: string; containers?: { name: string; args?: string[] }[] }

/** A pod with an istio-proxy container and an IP; `proxy router` marks a gateway (Istio's gateway deployments). */
export function proxyIdentity(pod: KubeObject): ProxyIdentity | undefined {
  const spec = (pod.spec ?? {}) as PodSpec
  const proxy = (spec.containers ?? []).find((c) => c.name === 'istio-proxy')
  const ip = (pod.status as { podIP?: string } | undefined)?.podIP
  if (!proxy || !ip) return undefined
  return {
    kind: proxy.args?.[1] === 'router' ? 'gateway' : 'sidecar',
    pod: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    ip,
    labels: { ...(pod.metadata.labels ?? {}) } as Labels,
    serviceAccount: spec.serviceAccountName ?? 'default',
  }
}
