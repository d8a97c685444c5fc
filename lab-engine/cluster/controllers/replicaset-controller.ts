// ReplicaSet controller: keeps the number of Pods a ReplicaSet controls at spec.replicas and reports its status.
//
// kubernetes.io/docs/concepts/workloads/controllers/replicaset/: pods are
// created from spec.template with the ReplicaSet as controller owner, named
// `<replicaset>-<5 random characters>`; on scale-down, not-ready pods go before
// ready ones and newer before older ("Scaling a ReplicaSet"). Events follow the
// controller's wording: SuccessfulCreate "Created pod: x", SuccessfulDelete "Deleted pod: x".

import type { Disposable } from '../../core/disposable'
import { DisposableStore } from '../../core/disposable'
import { fromLabelSelector, matches, type LabelSelector } from '../label-selector'
import type { KubeObject, ObjectInput, WatchEvent } from '../types'
import { reconcileSafely, type ControllerDeps } from './controller-deps'
import { controllerRefOf, controllerRefTo, isControlledBy } from './owners'

const COMPONENT = 'replicaset-controller'

export interface ReplicaSetSpec {
  replicas?: number
  selector?: LabelSelector
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> }
}

export function isPodReady(pod: KubeObject): boolean {
  const conds = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []
  return conds.some((c) => c.type === 'Ready' && c.status === 'True')
}

function createdAt(o: KubeObject): string {
  return o.metadata.creationTimestamp
}

/** controller.ActivePodsWithRanks, reduced: not ready first, then newest first, then by name. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
  const ra = isPodReady(a) ? 1 : 0
  const rb = isPodReady(b) ? 1 : 0
  if (ra !== rb) return ra - rb
  if (createdAt(a) !== createdAt(b)) return createdAt(a) < createdAt(b) ? 1 : -1
  return a.metadata.name < b.metadata.name ? 1 : -1
}

export class ReplicaSetController implements Disposable {
  private readonly disposables = new DisposableStore()

  constructor(private readonly deps: ControllerDeps) {}

  start(): this {
    const { store } = this.deps
    this.disposables.add(store.watch((ev) => this.onReplicaSet(ev), { kind: 'ReplicaSet' }))
    this.disposables.add(store.watch((ev) => this.onPod(ev), { kind: 'Pod' }))
    for (const rs of store.list({ kind: 'ReplicaSet' })) this.reconcile(rs.metadata.namespace!, rs.metadata.name)
    return this
  }

  dispose(): void {
    this.disposables.dispose()
  }

  private onReplicaSet(ev: WatchEvent): void {
    if (ev.type !== 'DELETED') this.reconcile(ev.object.metadata.namespace!, ev.object.metadata.name)
  }

  private onPod(ev: WatchEvent): void {
    const ref = controllerRefOf(ev.object)
    if (ref?.kind === 'ReplicaSet') this.reconcile(ev.object.metadata.namespace!, ref.name)
  }

  reconcile(namespace: string, name: string): void {
    reconcileSafely(this.deps, () => {
      const rs = this.deps.store.get({ kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace, name })
      if (!rs) return
      let pods = this.podsOf(rs)
      const want = (rs.spec as ReplicaSetSpec).replicas ?? 1
      if (pods.length < want) pods = [...pods, ...this.createPods(rs, want - pods.length)]
      if (pods.length > want) {
        const victims = new Set(this.deletePods(rs, [...pods].sort(deletionOrder).slice(0, pods.length - want)))
        pods = pods.filter((p) => !victims.has(p.metadata.uid))
      }
      this.updateStatus(rs.metadata.namespace!, rs.metadata.name, pods)
    })
  }

  private podsOf(rs: KubeObject): KubeObject[] {
    return this.deps.store.list({ kind: 'Pod', namespace: rs.metadata.namespace }).filter((p) => isControlledBy(p, rs) && !p.metadata.deletionTimestamp)
  }

  private createPods(rs: KubeObject, count: number): KubeObject[] {
    const created: KubeObject[] = []
    for (let i = 0; i < count; i++) {
      const pod = this.deps.store.create(this.podFor(rs))
      created.push(pod)
      this.deps.recorder.record(rs, COMPONENT, { reason: 'SuccessfulCreate', message: `Created pod: ${pod.metadata.name}` })
    }
    return created
  }

  private podFor(rs: KubeObject): ObjectInput {
    const template = structuredClone((rs.spec as ReplicaSetSpec).template ?? {})
    return {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        ...template.metadata, generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace, ownerReferences: [controllerRefTo(rs)],
      },
      spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', ...template.spec },
      status: { phase: 'Pending' },
    }
  }

  /** Deletes victims; returns their uids. */
  private deletePods(rs: KubeObject, victims: KubeObject[]): string[] {
    for (const pod of victims) {
      this.deps.store.delete({ kind: 'Pod', apiVersion: 'v1', namespace: pod.metadata.namespace, name: pod.metadata.name })
      this.deps.recorder.record(rs, COMPONENT, { reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}` })
    }
    return victims.map((p) => p.metadata.uid)
  }

  /** ReplicaSetStatus: replicas is always written; the other counts are omitted when zero, as the API omits them. */
  private updateStatus(namespace: string, name: string, podsNow: KubeObject[]): void {
    const ref = { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace, name }
    const rs = this.deps.store.get(ref)
    if (!rs) return
    const pods = podsNow.map((p) => this.deps.store.get({ kind: 'Pod', apiVersion: 'v1', namespace, name: p.metadata.name })).filter((p): p is KubeObject => !!p && isControlledBy(p, rs))
    const spec = rs.spec as ReplicaSetSpec
    const selector = fromLabelSelector(spec.selector ?? {})
    const ready = pods.filter(isPodReady).length
    const counts: Record<string, number> = {
      fullyLabeledReplicas: pods.filter((p) => matches(selector, p.metadata.labels)).length,
      readyReplicas: ready, availableReplicas: ready,
    }
    const status: Record<string, unknown> = { replicas: pods.length, observedGeneration: rs.metadata.generation }
    for (const [k, v] of Object.entries(counts)) if (v > 0) status[k] = v
    this.deps.store.mutate(ref, (draft) => { draft.status = status })
  }
}
