// EndpointSlice mirror: the discovery.k8s.io/v1 view of a Service's pods, kept beside its Endpoints.
//
// kubernetes.io/docs/concepts/services-networking/endpoint-slices/: one slice per
// Service (at this size), named `<service>-<5 random characters>`, labelled
// kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned
// by the Service; each endpoint carries ready/serving/terminating conditions.

import { deepEqual } from '../object-change'
import type { ObjectStore } from '../store'
import type { KubeObject } from '../types'
import { controllerRefTo, isControlledBy } from './owners'

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by'
export const MANAGED_BY = 'endpointslice-controller.k8s.io'

export interface SlicePort { name?: string; port: number; protocol: string }

/** Creates or updates the Service's slice so it lists pods (with their ready state) and ports. */
export function syncEndpointSlice(store: ObjectStore, svc: KubeObject, pods: KubeObject[], ports: SlicePort[], ready: (p: KubeObject) => boolean): void {
  const namespace = svc.metadata.namespace!
  const endpoints = pods.map((p) => ({
    addresses: [(p.status as { podIP: string }).podIP],
    conditions: { ready: ready(p), serving: ready(p), terminating: false },
    ...((p.spec as { nodeName?: string } | undefined)?.nodeName ? { nodeName: (p.spec as { nodeName: string }).nodeName } : {}),
    targetRef: { kind: 'Pod', namespace, name: p.metadata.name, uid: p.metadata.uid },
  }))
  const labels = { ...svc.metadata.labels, [SERVICE_NAME_LABEL]: svc.metadata.name, [MANAGED_BY_LABEL]: MANAGED_BY }
  const existing = store.list({ kind: 'EndpointSlice', namespace, labelSelector: `${SERVICE_NAME_LABEL}=${svc.metadata.name}` }).find((s) => isControlledBy(s, svc))
  const body = { addressType: 'IPv4', endpoints, ports }
  if (!existing) {
    store.create({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { generateName: `${svc.metadata.name}-`, namespace, labels, ownerReferences: [controllerRefTo(svc)] }, ...body })
    return
  }
  if (deepEqual({ addressType: existing.addressType, endpoints: existing.endpoints, ports: existing.ports }, body) && deepEqual(existing.metadata.labels, labels)) return
  store.mutate({ kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', namespace, name: existing.metadata.name }, (draft) => {
    draft.metadata.labels = labels
    Object.assign(draft, body)
  })
}
