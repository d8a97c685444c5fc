// The service registry istiod builds: Kubernetes Services (with their Endpoints) and ServiceEntries, by host.
//
// Istio "Protocol Selection" (istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/):
// a port's protocol is its appProtocol, else the prefix of its name before "-"
// (http, http2, grpc, https, tls, tcp, ...), else unknown and sniffed. ServiceEntry
// reference: hosts, addresses, ports, location (MESH_EXTERNAL / MESH_INTERNAL),
// resolution (NONE, STATIC, DNS) and endpoints; one registry entry per host.
// Endpoints come from the Endpoints object: ready addresses are healthy,
// notReadyAddresses unhealthy (Kubernetes "Service" docs).

import type { ObjectStore } from '../../cluster/store'
import type { KubeObject, Labels } from '../../cluster/types'
import { fqdn, serviceExportTo } from './hosts'
import type { ConfigRef, LbEndpoint, Protocol } from './types'

export interface ServicePort {
  port: number
  name: string
  protocol: Protocol
}

/** One workload behind a service: its address and, per service port number, the port it listens on. */
export interface ServiceInstance {
  endpoint: Omit<LbEndpoint, 'port'>
  portFor: ReadonlyMap<number, number>
}

export type Resolution = 'EDS' | 'NONE' | 'STATIC' | 'DNS'

export interface MeshService {
  hostname: string
  namespace: string
  /** ClusterIP(s) or ServiceEntry addresses; empty for headless services and address-less entries. */
  addresses: string[]
  ports: ServicePort[]
  exportTo?: string[]
  resolution: Resolution
  location: 'MESH_INTERNAL' | 'MESH_EXTERNAL'
  instances: ServiceInstance[]
  /** The ServiceEntry behind this host, when it is not a Kubernetes Service. */
  serviceEntry?: ConfigRef
}

const KNOWN_PROTOCOLS: Record<string, Protocol> = {
  http: 'HTTP', http2: 'HTTP2', grpc: 'GRPC', 'grpc-web': 'HTTP', https: 'HTTPS', tls: 'TLS', tcp: 'TCP',
  mongo: 'TCP', mysql: 'TCP', redis: 'TCP',
}

/** Ports Istio never sniffs: SMTP, DNS, MySQL, MongoDB are plain TCP unless named (pilot kube ConvertProtocol's wellKnownPorts). */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017])

/** Istio protocol selection from appProtocol or the port name (the part before the first "-"). */
export function protocolOf(name: string | undefined, appProtocol?: string, port?: number): Protocol {
  const word = ((appProtocol ?? name ?? '').split('-')[0] ?? '').toLowerCase()
  const known = KNOWN_PROTOCOLS[word]
  if (known) return known
  return port !== undefined && WELL_KNOWN_TCP_PORTS.has(port) ? 'TCP' : 'UNKNOWN'
}

/** Whether Envoy's HTTP connection manager handles this port (explicit HTTP protocols). */
export function isHttp(protocol: Protocol): boolean {
  return protocol === 'HTTP' || protocol === 'HTTP2' || protocol === 'GRPC'
}

/** Every service in the store, Kubernetes first then ServiceEntries, in list order. */
export function buildRegistry(store: ObjectStore): MeshService[] {
  const pods = new Map(store.list({ kind: 'Pod' }).map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]))
  const nodes = new Map(store.list({ kind: 'Node' }).map((n) => [n.metadata.name, n]))
  const endpoints = new Map(store.list({ kind: 'Endpoints' }).map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]))
  const ctx: PodContext = { pods, nodes }
  const services = store.list({ kind: 'Service' }).flatMap((svc) => kubeService(svc, endpoints.get(`${svc.metadata.namespace}/${svc.metadata.name}`), ctx))
  return [...services, ...store.list({ kind: 'ServiceEntry' }).flatMap(serviceEntryServices)]
}

interface PodContext {
  pods: Map<string, KubeObject>
  nodes: Map<string, KubeObject>
}

interface KubePort { name?: string; port: number; protocol?: string; appProtocol?: string }
interface EndpointAddress { ip: string; targetRef?: { kind?: string; name?: string; namespace?: string } }
interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: { name?: string; port: number; protocol?: string }[] }

function kubeService(svc: KubeObject, eps: KubeObject | undefined, ctx: PodContext): MeshService[] {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; type?: string; ports?: KubePort[] }
  if (spec.type === 'ExternalName') return []
  const ns = svc.metadata.namespace ?? 'default'
  const ports = (spec.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP')
    .map((p) => ({ port: p.port, name: p.name ?? '', protocol: protocolOf(p.name, p.appProtocol, p.port) }))
  const headless = !spec.clusterIP || spec.clusterIP === 'None'
  return [{
    hostname: fqdn(svc.metadata.name, ns),
    namespace: ns,
    addresses: headless ? [] : [spec.clusterIP!],
    ports,
    exportTo: serviceExportTo(svc.metadata.annotations),
    // Headless services get ORIGINAL_DST clusters: the client already picked a pod IP through DNS.
    resolution: headless ? 'NONE' : 'EDS',
    location: 'MESH_INTERNAL',
    instances: kubeInstances(eps, ports, ctx),
  }]
}

function kubeInstances(eps: KubeObject | undefined, ports: ServicePort[], ctx: PodContext): ServiceInstance[] {
  const subsets = (eps?.subsets ?? []) as EndpointSubset[]
  return subsets.flatMap((subset) => {
    const portFor = new Map<number, number>()
    for (const sp of ports) {
      const ep = (subset.ports ?? []).find((p) => (p.name ?? '') === sp.name) ?? (subset.ports?.length === 1 ? subset.ports[0] : undefined)
      if (ep) portFor.set(sp.port, ep.port)
    }
    const ready = (subset.addresses ?? []).map((a) => ({ endpoint: podEndpoint(a, 'HEALTHY', ctx), portFor }))
    const notReady = (subset.notReadyAddresses ?? []).map((a) => ({ endpoint: podEndpoint(a, 'UNHEALTHY', ctx), portFor }))
    return [...ready, ...notReady]
  })
}

function podEndpoint(addr: EndpointAddress, health: LbEndpoint['health'], ctx: PodContext): Omit<LbEndpoint, 'port'> {
  const ref = addr.targetRef
  const pod = ref?.kind === 'Pod' ? ctx.pods.get(`${ref.namespace}/${ref.name}`) : undefined
  const spec = (pod?.spec ?? {}) as { nodeName?: string; serviceAccountName?: string; containers?: { name: string }[] }
  const nodeLabels = ctx.nodes.get(spec.nodeName ?? '')?.metadata.labels ?? {}
  return {
    address: addr.ip,
    health,
    labels: pod?.metadata.labels ?? {},
    locality: localityOf(nodeLabels),
    ...(pod ? { pod: { name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default' } } : {}),
    sidecar: (spec.containers ?? []).some((c) => c.name === 'istio-proxy'),
    ...(spec.serviceAccountName ? { serviceAccount: spec.serviceAccountName } : {}),
  }
}

/** Istio locality from the node's topology labels (region/zone/subzone). */
function localityOf(labels: Labels): LbEndpoint['locality'] {
  return {
    region: labels['topology.kubernetes.io/region'] ?? '',
    zone: labels['topology.kubernetes.io/zone'] ?? '',
    subzone: labels['topology.istio.io/subzone'] ?? '',
  }
}

interface SeSpec {
  hosts?: string[]
  addresses?: string[]
  ports?: { number: number; protocol?: string; name?: string; targetPort?: number }[]
  location?: string
  resolution?: string
  endpoints?: { address?: string; ports?: Record<string, number>; labels?: Labels; locality?: string }[]
  exportTo?: string[]
}

function serviceEntryServices(se: KubeObject): MeshService[] {
  const spec = (se.spec ?? {}) as SeSpec
  const ns = se.metadata.namespace ?? 'default'
  const ports = (spec.ports ?? []).map((p) => ({ port: p.number, name: p.name ?? '', protocol: protocolOf(undefined, p.protocol ?? 'TCP') }))
  const resolution: Resolution = spec.resolution === 'STATIC' || spec.resolution === 'DNS' ? spec.resolution : 'NONE'
  const location = spec.location === 'MESH_INTERNAL' ? 'MESH_INTERNAL' : 'MESH_EXTERNAL'
  const ref: ConfigRef = { kind: 'ServiceEntry', name: se.metadata.name, namespace: ns }
  return (spec.hosts ?? []).map((host) => ({
    hostname: host.toLowerCase(),
    namespace: ns,
    addresses: spec.addresses ?? [],
    ports,
    exportTo: spec.exportTo,
    resolution,
    location,
    instances: seInstances(spec, host.toLowerCase(), resolution, location),
    serviceEntry: ref,
  }))
}

/** STATIC and DNS entries list endpoints; DNS without endpoints resolves the host itself. */
function seInstances(spec: SeSpec, host: string, resolution: Resolution, location: MeshService['location']): ServiceInstance[] {
  if (resolution === 'NONE') return []
  const ports = spec.ports ?? []
  const listed = spec.endpoints ?? []
  const entries = listed.length > 0 || resolution === 'STATIC' ? listed : [{ address: host }]
  return entries.filter((e) => e.address).map((e) => {
    const portFor = new Map(ports.map((p) => [p.number, e.ports?.[p.name ?? ''] ?? p.targetPort ?? p.number]))
    const isIp = /^[\d.]+$/.test(e.address!)
    const [region = '', zone = '', subzone = ''] = (e.locality ?? '').split('/')
    return {
      endpoint: {
        address: e.address!,
        health: 'HEALTHY' as const,
        labels: e.labels ?? {},
        locality: { region, zone, subzone },
        sidecar: location === 'MESH_INTERNAL' && e.labels?.['security.istio.io/tlsMode'] === 'istio',
        ...(isIp ? {} : { hostname: e.address! }),
      },
      portFor,
    }
  })
}
