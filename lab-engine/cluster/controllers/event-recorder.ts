// Event recorder: writes core/v1 Event objects for controller and kubelet transitions, folding repeats into a count.
//
// Shape follows kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/
// and client-go's record package: the name is `<object>.<hex of UnixNano>`, an
// identical event (same object, reason, message, source) bumps count and
// lastTimestamp instead of creating another (EventCorrelator).

import { rfc3339, type Clock } from '../../core/clock'
import { ApiError } from '../api-error'
import type { ObjectStore } from '../store'
import type { KubeObject } from '../types'

/** Events one session keeps; the oldest go first (a real cluster expires them after an hour). */
export const MAX_EVENTS = 500

export type EventType = 'Normal' | 'Warning'

export interface EventSpec {
  reason: string
  message: string
  type?: EventType
  /** e.g. `spec.containers{web}` for container events. */
  fieldPath?: string
}

export class EventRecorder {
  private readonly seen = new Map<string, string>()
  private readonly order: { namespace: string; name: string; key: string }[] = []
  private seq = 0

  constructor(private readonly store: ObjectStore, private readonly clock: Clock) {}

  /** Records an event about obj from component (e.g. "kubelet", "deployment-controller"). */
  record(obj: KubeObject, component: string, spec: EventSpec): void {
    const namespace = obj.metadata.namespace || 'default'
    const key = [obj.metadata.uid, spec.reason, spec.message, spec.fieldPath ?? '', component].join('\u0000')
    const now = rfc3339(this.clock.now())
    try {
      if (this.bump(namespace, key, now)) return
      const name = `${obj.metadata.name}.${this.suffix()}`
      this.store.create(this.event(obj, namespace, name, component, spec, now))
      this.seen.set(key, name)
      this.order.push({ namespace, name, key })
      this.trim()
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
    }
  }

  private bump(namespace: string, key: string, now: string): boolean {
    const name = this.seen.get(key)
    if (!name || !this.store.get({ kind: 'Event', apiVersion: 'v1', namespace, name })) return false
    this.store.mutate({ kind: 'Event', apiVersion: 'v1', namespace, name }, (ev) => {
      ev.count = ((ev.count as number | undefined) ?? 1) + 1
      ev.lastTimestamp = now
    })
    return true
  }

  private event(obj: KubeObject, namespace: string, name: string, component: string, spec: EventSpec, now: string) {
    const involvedObject = {
      kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid,
      apiVersion: obj.apiVersion, resourceVersion: obj.metadata.resourceVersion, ...(spec.fieldPath ? { fieldPath: spec.fieldPath } : {}),
    }
    if (!obj.metadata.namespace) delete involvedObject.namespace
    return {
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace }, involvedObject,
      reason: spec.reason, message: spec.message, type: spec.type ?? 'Normal', count: 1,
      firstTimestamp: now, lastTimestamp: now, source: { component, ...(component === 'kubelet' ? { host: 'kind-control-plane' } : {}) },
      reportingComponent: component, reportingInstance: component === 'kubelet' ? 'kind-control-plane' : '',
    }
  }

  /** client-go names events `<name>.<UnixNano in hex>`; a sequence number keeps names unique within a millisecond. */
  private suffix(): string {
    const nanos = BigInt(Math.floor(this.clock.now())) * 1_000_000n + BigInt(this.seq++ % 1_000_000)
    return nanos.toString(16)
  }

  private trim(): void {
    while (this.order.length > MAX_EVENTS) {
      const old = this.order.shift()!
      this.seen.delete(old.key)
      const ref = { kind: 'Event', apiVersion: 'v1', namespace: old.namespace, name: old.name }
      if (this.store.get(ref)) this.store.delete(ref)
    }
  }
}
