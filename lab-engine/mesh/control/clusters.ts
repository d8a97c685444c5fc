// Outbound clusters and their endpoints: one per visible service port, plus one per DestinationRule subset.
//
// Istio names clusters `outbound|<port>|<subset>|<host>` (istio.io proxy-cmd docs).
// Kubernetes services and STATIC ServiceEntries are EDS clusters; DNS entries are
// STRICT_DNS; resolution NONE is ORIGINAL_DST (the caller's destination address is used).
// A subset's endpoints are the service's endpoints whose labels include the subset's
// labels (DestinationRule reference, `subsets`). Auto mTLS (Istio "Mutual TLS
// Migration"): without a DestinationRule tls setting the client picks ISTIO_MUTUAL per
// endpoint, for those that run a sidecar.

import { mergedPolicy, resolvePolicy, selectDestinationRule, type SelectedRule } from './destination-rules'
import type { MeshIndex } from './mesh-index'
import type { MeshService, ServicePort } from './registry'
import type { Cluster, ClusterType, LbEndpoint, ProxyIdentity } from './types'

export function outboundClusterName(port: number, subset: string | undefined, host: string): string {
  return `outbound|${port}|${subset ?? ''}|${host}`
}

export interface ClusterSet {
  clusters: Map<string, Cluster>
  endpoints: Map<string, LbEndpoint[]>
}

/**
 * Picks the DestinationRule a proxy uses for a service. The choice depends only on the
 * proxy's namespace and on which workload-selector rules select it, so it is memoised
 * on that (istiod shares the same work across proxies of one namespace).
 */
export function ruleFor(index: MeshIndex, proxy: ProxyIdentity, svc: MeshService): SelectedRule | undefined {
  const key = `dr|${workloadRuleKey(index, proxy)}|${svc.hostname}|${svc.namespace}`
  if (index.memo.has(key)) return index.memo.get(key) as SelectedRule | undefined
  const rule = selectDestinationRule(index.destinationRules, {
    proxyNamespace: proxy.namespace, proxyLabels: proxy.labels, serviceHost: svc.hostname, serviceNamespace: svc.namespace,
  }, index.mesh)
  index.memo.set(key, rule)
  return rule
}

/** The proxy's namespace plus the workload-selector DestinationRules in it that select the proxy. */
export function workloadRuleKey(index: MeshIndex, proxy: ProxyIdentity): string {
  const memoKey = `wk|${proxy.namespace}/${proxy.pod}`
  const hit = index.memo.get(memoKey)
  if (typeof hit === 'string') return hit
  const selected = index.destinationRules.filter((r) => r.ref.namespace === proxy.namespace && r.spec.workloadSelector
    && Object.entries(r.spec.workloadSelector.matchLabels ?? {}).every(([k, v]) => proxy.labels[k] === v))
  const key = [proxy.namespace, ...selected.map((r) => r.ref.name)].join(',')
  index.memo.set(memoKey, key)
  return key
}

export function addOutboundClusters(out: ClusterSet, index: MeshIndex, proxy: ProxyIdentity, services: MeshService[]): void {
  for (const svc of services) {
    const rule = ruleFor(index, proxy, svc)
    for (const port of svc.ports) {
      addCluster(out, index, svc, port, rule, undefined)
      for (const subset of rule?.subsets ?? []) if (subset.name) addCluster(out, index, svc, port, rule, subset.name)
    }
  }
}

function clusterType(svc: MeshService): ClusterType {
  if (svc.resolution === 'DNS') return 'STRICT_DNS'
  if (svc.resolution === 'NONE') return 'ORIGINAL_DST'
  return 'EDS'
}

/**
 * A cluster depends only on the service, port, subset and the DestinationRule chosen,
 * so it (and its endpoints) is built once per snapshot and shared by every proxy that
 * picks the same rule. Shared objects must be treated as read-only.
 */
function addCluster(out: ClusterSet, index: MeshIndex, svc: MeshService, port: ServicePort, rule: SelectedRule | undefined, subset: string | undefined): void {
  const name = outboundClusterName(port.port, subset, svc.hostname)
  if (out.clusters.has(name)) return
  const key = `cl|${rule?.key ?? ''}|${svc.namespace}|${name}`
  let built = index.memo.get(key) as { cluster: Cluster; endpoints?: LbEndpoint[] } | undefined
  if (!built) {
    built = buildCluster(index, svc, port, rule, subset, name)
    index.memo.set(key, built)
  }
  out.clusters.set(name, built.cluster)
  if (built.endpoints) out.endpoints.set(name, built.endpoints)
}

function buildCluster(index: MeshIndex, svc: MeshService, port: ServicePort, rule: SelectedRule | undefined, subset: string | undefined, name: string): { cluster: Cluster; endpoints?: LbEndpoint[] } {
  const trafficPolicy = resolvePolicy(mergedPolicy(rule, subset, port.port))
  const cluster: Cluster = {
    name,
    type: clusterType(svc),
    direction: 'outbound',
    host: svc.hostname,
    port: port.port,
    ...(subset ? { subset } : {}),
    protocol: port.protocol,
    location: svc.location,
    ...(rule ? { destinationRule: rule.ref } : {}),
    trafficPolicy,
    autoMtls: index.mesh.enableAutoMtls && !trafficPolicy.tls,
    sidecarEndpoints: 'none',
  }
  const labels = subset ? rule?.subsets.find((s) => s.name === subset)?.labels ?? {} : undefined
  const all = endpointsFor(svc, port.port, labels)
  const withSidecar = all.filter((e) => e.sidecar).length
  cluster.sidecarEndpoints = withSidecar === 0 ? 'none' : withSidecar === all.length ? 'all' : 'some'
  return svc.resolution === 'NONE' ? { cluster } : { cluster, endpoints: all }
}

function endpointsFor(svc: MeshService, port: number, subsetLabels: Record<string, string> | undefined): LbEndpoint[] {
  const out: LbEndpoint[] = []
  for (const inst of svc.instances) {
    const target = inst.portFor.get(port)
    if (target === undefined) continue
    if (subsetLabels && !Object.entries(subsetLabels).every(([k, v]) => inst.endpoint.labels[k] === v)) continue
    out.push({ ...inst.endpoint, port: target })
  }
  return out
}

/** Clusters every Envoy Istio configures has, whatever the mesh holds. */
export function addStaticClusters(out: ClusterSet): void {
  const plain = (name: string, type: ClusterType): Cluster => ({ name, type, trafficPolicy: { loadBalancer: { kind: 'simple', simple: 'ROUND_ROBIN' }, connectionPool: { connectTimeoutMs: 10_000 } }, autoMtls: false, sidecarEndpoints: 'none' })
  for (const [name, type] of [['BlackHoleCluster', 'STATIC'], ['PassthroughCluster', 'ORIGINAL_DST'], ['InboundPassthroughCluster', 'ORIGINAL_DST'], ['agent', 'STATIC'], ['prometheus_stats', 'STATIC'], ['sds-grpc', 'STATIC'], ['xds-grpc', 'STATIC']] as const) {
    out.clusters.set(name, plain(name, type))
  }
  const local = (address: string, port: number): LbEndpoint => ({ address, port, health: 'HEALTHY', labels: {}, locality: { region: '', zone: '', subzone: '' }, sidecar: false })
  out.endpoints.set('agent', [local('127.0.0.1', 15020)])
  out.endpoints.set('prometheus_stats', [local('127.0.0.1', 15000)])
  out.endpoints.set('sds-grpc', [local('unix://./var/run/secrets/workload-spiffe-uds/socket', 0)])
  out.endpoints.set('xds-grpc', [local('unix://./etc/istio/proxy/XDS', 0)])
}

/** `inbound|<port>||`: the sidecar's local app on each port a service sends it (ORIGINAL_DST to the pod). */
export function addInboundCluster(out: ClusterSet, port: number, protocol: Cluster['protocol']): string {
  const name = `inbound|${port}||`
  out.clusters.set(name, { name, type: 'ORIGINAL_DST', direction: 'inbound', port, protocol, trafficPolicy: { loadBalancer: { kind: 'simple', simple: 'PASSTHROUGH' }, connectionPool: { connectTimeoutMs: 10_000 } }, autoMtls: false, sidecarEndpoints: 'none' })
  return name
}
