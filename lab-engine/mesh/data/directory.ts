// Directory: what answers at an address -- a pod, a Service's virtual IP (kube-proxy), a LoadBalancer
// or NodePort, or a host on the simulated internet. Rebuilt when the store changes.
import { NODE_IP } from '../../cluster/bootstrap'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { internetHostForAddress, type InternetHost } from '../apps'

export type Destination =
  | { kind: 'pod'; pod: KubeObject }
  /** A Service address: kube-proxy DNATs to one ready endpoint (pod IP and target port). */
  | { kind: 'service'; service: KubeObject; port: ServicePortSpec }
  | { kind: 'internet'; host: InternetHost }
  | { kind: 'nothing' }

export interface ServicePortSpec { name?: string; port: number; targetPort?: number | string; nodePort?: number; protocol?: string }

interface Index {
  rv: string
  size: number
  /** The destination at each pod IP (one object per pod: every hop asks). */
  pods: Map<string, Destination & { kind: 'pod' }>
  /** Service destinations by address then port: ClusterIPs, LoadBalancer ingress IPs, and NODE_IP for node ports. */
  services: Map<string, Map<number, Destination & { kind: 'service' }>>
}

const indexes = new WeakMap<ObjectStore, Index>()

/** The services map's key for node ports (reached at NODE_IP). */
const NODE_PORTS = 'node'

function indexOf(store: ObjectStore): Index {
  const rv = store.resourceVersion()
  const size = store.size()
  const hit = indexes.get(store)
  if (hit && hit.rv === rv && hit.size === size) return hit
  const pods = new Map<string, Destination & { kind: 'pod' }>()
  for (const pod of store.list({ kind: 'Pod' })) {
    const st = pod.status as { podIP?: string; phase?: string } | undefined
    const hostNetwork = (pod.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork
    if (st?.podIP && !hostNetwork && !pod.metadata.deletionTimestamp) pods.set(st.podIP, { kind: 'pod', pod })
  }
  const services = new Map<string, Map<number, Destination & { kind: 'service' }>>()
  const add = (ip: string, port: number, dest: Destination & { kind: 'service' }) => {
    let byPort = services.get(ip)
    if (!byPort) services.set(ip, (byPort = new Map()))
    byPort.set(port, dest)
  }
  for (const svc of store.list({ kind: 'Service' })) {
    const spec = svc.spec as { clusterIP?: string; ports?: ServicePortSpec[] } | undefined
    const lbIp = (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]?.ip
    for (const port of spec?.ports ?? []) {
      const dest = { kind: 'service' as const, service: svc, port }
      if (spec?.clusterIP && spec.clusterIP !== 'None') add(spec.clusterIP, port.port, dest)
      if (lbIp) add(lbIp, port.port, dest)
      if (port.nodePort) add(NODE_PORTS, port.nodePort, dest)
    }
  }
  const built = { rv, size, pods, services }
  indexes.set(store, built)
  return built
}

/** What a connection to ip:port reaches. */
export function destinationAt(store: ObjectStore, ip: string, port: number): Destination {
  const index = indexOf(store)
  const svc = index.services.get(ip === NODE_IP ? NODE_PORTS : ip)?.get(port)
  if (svc) return svc
  const pod = index.pods.get(ip)
  if (pod) return pod
  const host = internetHostForAddress(ip)
  if (host) return { kind: 'internet', host }
  return { kind: 'nothing' }
}

/** The pod at an IP, if one runs there. */
export function podAt(store: ObjectStore, ip: string): KubeObject | undefined {
  return indexOf(store).pods.get(ip)?.pod
}

/** Whether a pod runs an Istio sidecar that is up (the istio-proxy container is running). */
export function hasSidecar(pod: KubeObject): boolean {
  let v = sidecars.get(pod)
  if (v === undefined) sidecars.set(pod, (v = sidecarRunning(pod)))
  return v
}

// Asked several times per hop: answered once per pod object (the store replaces objects, never mutates them).
const sidecars = new WeakMap<KubeObject, boolean>()
const gateways = new WeakMap<KubeObject, boolean>()

function sidecarRunning(pod: KubeObject): boolean {
  const statuses = (pod.status as { containerStatuses?: { name: string; state?: { running?: unknown } }[] } | undefined)?.containerStatuses ?? []
  return statuses.some((s) => s.name === 'istio-proxy' && !!s.state?.running)
}

/** Whether a pod is a gateway (istio-proxy running as the main container, `proxy router`). */
export function isGatewayPod(pod: KubeObject): boolean {
  let v = gateways.get(pod)
  if (v === undefined) gateways.set(pod, (v = runsRouter(pod)))
  return v
}

function runsRouter(pod: KubeObject): boolean {
  const containers = (pod.spec as { containers?: { name: string; args?: string[] }[] } | undefined)?.containers ?? []
  return containers.some((c) => c.name === 'istio-proxy' && (c.args ?? []).includes('router'))
}
