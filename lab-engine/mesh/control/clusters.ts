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

/** Picks the DestinationRule a proxy uses for a service (cached per host by the caller if it wishes). */
export function ruleFor(index: MeshIndex, proxy: ProxyIdentity, svc: MeshService): SelectedRule | undefined {
  return selectDestinationRule(index.destinationRules, {
    proxyNamespace: proxy.namespace, proxyLabels: proxy.labels, serviceHost: svc.hostname, serviceNamespace: svc.namespace,
  }, index.mesh)
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

function addCluster(out: ClusterSet, index: MeshIndex, svc: MeshService, port: ServicePort, rule: SelectedRule | undefined, subset: string | undefined): void {
  const name = outboundClusterName(port.port, subset, svc.hostname)
  if (out.clusters.has(name)) return
  const trafficPolicy = resolvePolicy(mergedPolicy(rule, subset, port.port))
  out.clusters.set(name, {
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
  })
  if (svc.resolution !== 'NONE') out.endpoints.set(name, endpointsFor(svc, port.port, subset ? rule?.subsets.find((s) => s.name === subset)?.labels ?? {} : undefined))
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
  const plain = (name: string, type: ClusterType): Cluster => ({ name, type, trafficPolicy: { loadBalancer: { kind: 'simple', simple: 'ROUND_ROBIN' }, connectionPool: { connectTimeoutMs: 10_000 } }, autoMtls: false })
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
  out.clusters.set(name, { name, type: 'ORIGINAL_DST', direction: 'inbound', port, protocol, trafficPolicy: { loadBalancer: { kind: 'simple', simple: 'PASSTHROUGH' }, connectionPool: { connectTimeoutMs: 10_000 } }, autoMtls: false })
  return name
}
