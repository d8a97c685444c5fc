// Endpoints controller: one Endpoints object per Service with a selector, listing its pods' IPs as they become ready.
//
// kubernetes.io/docs/concepts/services-networking/service/#endpoints and the
// Endpoints reference (kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoints-v1/):
// ready pods go to addresses, pods with an IP that are not ready to
// notReadyAddresses; a named targetPort resolves against the pod's container
// ports. Services without a selector keep the Endpoints their users write.

import { DisposableStore, type Disposable } from '../../core/disposable'
import { deepEqual } from '../object-change'
import type { KubeObject, WatchEvent } from '../types'
import { reconcileSafely, type ControllerDeps } from './controller-deps'
import { isPodReady } from './replicaset-controller'
import type { ServiceSpec } from './service-controller'
import { syncEndpointSlice, type SlicePort } from './endpoint-slice'

interface PodSpec { nodeName?: string; containers?: { ports?: { name?: string; containerPort: number }[] }[] }
interface Address { ip: string; nodeName?: string; targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string } }
interface EndpointPort { name?: string; port: number; protocol: string }

const podIpOf = (p: KubeObject) => (p.status as { podIP?: string } | undefined)?.podIP
const epRef = (namespace: string, name: string) => ({ kind: 'Endpoints', apiVersion: 'v1', namespace, name })

function ipKey(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function address(pod: KubeObject): Address {
  const a: Address = { ip: podIpOf(pod)!, targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid } }
  const node = (pod.spec as PodSpec | undefined)?.nodeName
  if (node) a.nodeName = node
  return a
}

/** The container port a Service port targets on pod, or undefined when a named port is missing. */
function targetPortOn(pod: KubeObject, target: number | string): number | undefined {
  if (typeof target === 'number') return target
  if (/^\d+$/.test(target)) return Number(target)
  for (const c of (pod.spec as PodSpec | undefined)?.containers ?? []) {
    const found = c.ports?.find((p) => p.name === target)
    if (found) return found.containerPort
  }
  return undefined
}

export class EndpointsController implements Disposable {
  private readonly disposables = new DisposableStore()
  /** Pod uids each Service's Endpoints listed at its last sync, keyed `namespace/name`. */
  private readonly listed = new Map<string, Set<string>>()

  constructor(private readonly deps: ControllerDeps) {}

  start(): this {
    const { store } = this.deps
    this.disposables.add(store.watch((ev) => this.onService(ev), { kind: 'Service' }))
    this.disposables.add(store.watch((ev) => this.onPod(ev), { kind: 'Pod' }))
    for (const svc of store.list({ kind: 'Service' })) this.sync(svc.metadata.namespace!, svc.metadata.name)
    return this
  }

  dispose(): void {
    this.disposables.dispose()
  }

  private onService(ev: WatchEvent): void {
    const { namespace, name } = ev.object.metadata
    if (ev.type !== 'DELETED') return this.sync(namespace!, name)
    this.listed.delete(`${namespace}/${name}`)
    reconcileSafely(this.deps, () => {
      if ((ev.object.spec as ServiceSpec | undefined)?.selector && this.deps.store.get(epRef(namespace!, name))) this.deps.store.delete(epRef(namespace!, name))
    })
  }

  /** A pod change concerns the Services that select it now and those that listed it before (its labels may have changed). */
  private onPod(ev: WatchEvent): void {
    const pod = ev.object
    const ns = pod.metadata.namespace!
    for (const svc of this.deps.store.list({ kind: 'Service', namespace: ns })) {
      const selector = (svc.spec as ServiceSpec | undefined)?.selector
      if (!selector || Object.keys(selector).length === 0) continue
      const selects = Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v)
      if (selects || this.listed.get(`${ns}/${svc.metadata.name}`)?.has(pod.metadata.uid)) this.sync(ns, svc.metadata.name)
    }
  }

  sync(namespace: string, name: string): void {
    reconcileSafely(this.deps, () => {
      const svc = this.deps.store.get({ kind: 'Service', apiVersion: 'v1', namespace, name })
      const spec = svc?.spec as ServiceSpec | undefined
      if (!svc || !spec?.selector || Object.keys(spec.selector).length === 0) return
      const selector = spec.selector
      const pods = this.deps.store.list({ kind: 'Pod', namespace }).filter((p) =>
        Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v) && podIpOf(p) && !p.metadata.deletionTimestamp)
      this.listed.set(`${namespace}/${name}`, new Set(pods.map((p) => p.metadata.uid)))
      const subsets = this.subsets(spec, pods)
      this.write(svc, subsets)
      syncEndpointSlice(this.deps.store, svc, pods, this.slicePorts(spec, pods), isPodReady)
    })
  }

  /** Slice ports resolve named target ports against the first pod (one slice per Service here). */
  private slicePorts(spec: ServiceSpec, pods: KubeObject[]): SlicePort[] {
    return (spec.ports ?? []).flatMap((p): SlicePort[] => {
      const port = pods.length ? targetPortOn(pods[0]!, p.targetPort ?? p.port) : undefined
      return port === undefined ? [] : [{ name: p.name ?? '', port, protocol: p.protocol ?? 'TCP' }]
    })
  }

  /** EndpointSubsets grouped by the resolved port set, addresses sorted by IP (RepackSubsets). */
  private subsets(spec: ServiceSpec, pods: KubeObject[]): unknown[] {
    const groups = new Map<string, { ports: EndpointPort[]; addresses: Address[]; notReadyAddresses: Address[] }>()
    for (const pod of pods) {
      const ports = (spec.ports ?? []).flatMap((p): EndpointPort[] => {
        const port = targetPortOn(pod, p.targetPort ?? p.port)
        if (port === undefined) return []
        return [{ ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? 'TCP' }]
      })
      const key = JSON.stringify(ports)
      const g = groups.get(key) ?? { ports, addresses: [], notReadyAddresses: [] }
      groups.set(key, g)
      ;(isPodReady(pod) ? g.addresses : g.notReadyAddresses).push(address(pod))
    }
    return [...groups.values()].map((g) => {
      const sort = (list: Address[]) => list.sort((a, b) => ipKey(a.ip) - ipKey(b.ip))
      return {
        ...(g.addresses.length ? { addresses: sort(g.addresses) } : {}),
        ...(g.notReadyAddresses.length ? { notReadyAddresses: sort(g.notReadyAddresses) } : {}),
        ...(g.ports.length ? { ports: g.ports } : {}),
      }
    })
  }

  private write(svc: KubeObject, subsets: unknown[]): void {
    const { namespace, name } = svc.metadata
    const existing = this.deps.store.get(epRef(namespace!, name))
    const labels = { ...svc.metadata.labels }
    if (!existing) {
      this.deps.store.create({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels }, ...(subsets.length ? { subsets } : {}) })
      return
    }
    if (deepEqual(existing.subsets ?? [], subsets) && deepEqual(existing.metadata.labels ?? {}, labels)) return
    this.deps.store.mutate(epRef(namespace!, name), (draft) => {
      draft.metadata.labels = labels
      if (subsets.length) draft.subsets = subsets
      else delete draft.subsets
    })
  }
}
