// Service controller: allocates ClusterIPs and NodePorts, and gives LoadBalancer Services an external IP at once.
//
// ClusterIPs come from the service CIDR 10.96.0.0/12, dynamically from its upper
// band (kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/);
// NodePorts from 30000-32767 (kubernetes.io/docs/concepts/services-networking/service/#type-nodeport);
// LoadBalancer IPs from 172.18.255.200-250 on kind's docker network, as
// cloud-provider-kind assigns them (kind.sigs.k8s.io/docs/user/loadbalancer/).
// On a real cluster the API server allocates ClusterIP and NodePorts during
// create; here the controller does so in the same store flush, before the
// creating command returns.

import { DisposableStore, type Disposable } from '../../core/disposable'
import type { KubeObject, WatchEvent } from '../types'
import { reconcileSafely, type ControllerDeps } from './controller-deps'
import { IpAllocator, RangeAllocator } from './ip-allocator'

const COMPONENT = 'service-controller'
/** 10.96.0.0/12 without its static band (the first 256 addresses) and broadcast. */
export const CLUSTER_IP_DYNAMIC_FIRST = '10.96.1.0'
export const CLUSTER_IP_LAST = '10.111.255.254'
export const NODE_PORT_FIRST = 30000
export const NODE_PORT_LAST = 32767
export const LB_IP_FIRST = '172.18.255.200'
export const LB_IP_LAST = '172.18.255.250'

interface ServicePort { name?: string; port: number; protocol?: string; targetPort?: number | string; nodePort?: number }
export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
  clusterIP?: string
  clusterIPs?: string[]
  selector?: Record<string, string>
  ports?: ServicePort[]
}
interface ServiceStatus { loadBalancer?: { ingress?: { ip: string; ipMode?: string }[] } }

const specOf = (s: KubeObject) => (s.spec ?? {}) as ServiceSpec
const lbIpOf = (s: KubeObject) => (s.status as ServiceStatus | undefined)?.loadBalancer?.ingress?.[0]?.ip
const needsNodePorts = (spec: ServiceSpec) => spec.type === 'NodePort' || spec.type === 'LoadBalancer'

export class ServiceController implements Disposable {
  private readonly disposables = new DisposableStore()
  private readonly clusterIps: IpAllocator
  private readonly staticIps = new IpAllocator('10.96.0.1', '10.96.0.255')
  private readonly nodePorts: RangeAllocator
  private readonly lbIps = new IpAllocator(LB_IP_FIRST, LB_IP_LAST)

  constructor(private readonly deps: ControllerDeps) {
    this.clusterIps = new IpAllocator(CLUSTER_IP_DYNAMIC_FIRST, CLUSTER_IP_LAST, deps.rng)
    this.nodePorts = new RangeAllocator(NODE_PORT_FIRST, NODE_PORT_LAST, deps.rng)
  }

  start(): this {
    const services = this.deps.store.list({ kind: 'Service' })
    for (const svc of services) this.reserve(svc)
    this.disposables.add(this.deps.store.watch((ev) => this.onService(ev), { kind: 'Service' }))
    for (const svc of services) this.reconcile(svc)
    return this
  }

  dispose(): void {
    this.disposables.dispose()
  }

  private reserve(svc: KubeObject): void {
    const spec = specOf(svc)
    this.clusterIps.reserve(spec.clusterIP)
    this.staticIps.reserve(spec.clusterIP)
    for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.reserve(p.nodePort)
    this.lbIps.reserve(lbIpOf(svc))
  }

  private release(svc: KubeObject): void {
    const spec = specOf(svc)
    this.clusterIps.release(spec.clusterIP)
    this.staticIps.release(spec.clusterIP)
    for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.release(p.nodePort)
    this.lbIps.release(lbIpOf(svc))
  }

  private onService(ev: WatchEvent): void {
    if (ev.type === 'DELETED') return this.release(ev.object)
    this.reserve(ev.object)
    this.reconcile(ev.object)
  }

  private reconcile(svc: KubeObject): void {
    reconcileSafely(this.deps, () => {
      const ref = { kind: 'Service', apiVersion: 'v1', namespace: svc.metadata.namespace, name: svc.metadata.name }
      const current = this.deps.store.get(ref)
      if (!current) return
      const spec = specOf(current)
      if (spec.type === 'ExternalName') return
      const updated = this.needsAllocation(spec) ? this.deps.store.mutate(ref, (draft) => this.allocate(draft)) : current
      if (specOf(updated).type === 'LoadBalancer' && !lbIpOf(updated)) this.assignLoadBalancer(updated)
      if (specOf(updated).type !== 'LoadBalancer' && lbIpOf(updated)) this.clearLoadBalancer(updated)
    })
  }

  /** True when a ClusterIP or a NodePort is missing; a Service that has them is left untouched. */
  private needsAllocation(spec: ServiceSpec): boolean {
    if (!spec.clusterIP) return true
    return needsNodePorts(spec) && (spec.ports ?? []).some((p) => !p.nodePort)
  }

  /** Fills what the API server would: clusterIP(s), IP family fields, port defaults and NodePorts. */
  private allocate(draft: KubeObject): void {
    const spec = { ...specOf(draft) }
    spec.type ??= 'ClusterIP'
    if (!spec.clusterIP) spec.clusterIP = this.clusterIps.allocate()
    if (spec.clusterIP && spec.clusterIP !== 'None' && !spec.clusterIPs) spec.clusterIPs = [spec.clusterIP]
    if (spec.clusterIP === 'None' && !spec.clusterIPs) spec.clusterIPs = ['None']
    spec.ports = (spec.ports ?? []).map((p) => this.defaultPort(p, spec))
    draft.spec = { ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ...spec }
    if (needsNodePorts(spec)) (draft.spec as Record<string, unknown>).externalTrafficPolicy ??= 'Cluster'
  }

  private defaultPort(p: ServicePort, spec: ServiceSpec): ServicePort {
    const port: ServicePort = { ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port }
    if (needsNodePorts(spec) && !port.nodePort) {
      const n = this.nodePorts.allocate()
      if (n !== undefined) port.nodePort = n
    }
    return port
  }

  /** A Service that stops being a LoadBalancer gives its external IP back (cloud-provider-kind deletes the balancer). */
  private clearLoadBalancer(svc: KubeObject): void {
    this.lbIps.release(lbIpOf(svc))
    const ref = { kind: 'Service', apiVersion: 'v1', namespace: svc.metadata.namespace, name: svc.metadata.name }
    this.deps.store.mutate(ref, (draft) => { draft.status = { ...(draft.status as object), loadBalancer: {} } })
  }

  private assignLoadBalancer(svc: KubeObject): void {
    const ip = this.lbIps.allocate()
    if (!ip) return
    this.deps.recorder.record(svc, COMPONENT, { reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer' })
    const ref = { kind: 'Service', apiVersion: 'v1', namespace: svc.metadata.namespace, name: svc.metadata.name }
    const updated = this.deps.store.mutate(ref, (draft) => {
      draft.status = { ...(draft.status as object), loadBalancer: { ingress: [{ ip, ipMode: 'Proxy' }] } }
    })
    this.deps.recorder.record(updated, COMPONENT, { reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer' })
  }
}
