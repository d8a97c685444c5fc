// Deployment controller: owns one ReplicaSet per pod template, rolls from old to new, and reports status.
//
// kubernetes.io/docs/concepts/workloads/controllers/deployment/: the new
// ReplicaSet is `<deployment>-<pod-template-hash>` and carries the hash in its
// selector and template; a template change rolls out under maxSurge/maxUnavailable;
// `deployment.kubernetes.io/revision` numbers ReplicaSets; old ones beyond
// revisionHistoryLimit (default 10) are removed; status conditions Available
// and Progressing use the reasons the controller writes ("Deployment status").

import { rfc3339 } from '../../core/clock'
import { DisposableStore, type Disposable } from '../../core/disposable'
import type { LabelSelector } from '../label-selector'
import type { KubeObject, WatchEvent } from '../types'
import { reconcileSafely, type ControllerDeps } from './controller-deps'
import { nextNewReplicas, oldScaleDownBudget, planOldScaleDown, resolveFenceposts, type IntOrPercent, type RollingParams } from './deployment-rollout'
import { controllerRefOf, controllerRefTo, isControlledBy } from './owners'
import { equalIgnoreHash, podTemplateHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash'
import type { ReplicaSetSpec } from './replicaset-controller'

const COMPONENT = 'deployment-controller'
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas'
const DEFAULT_REVISION_HISTORY_LIMIT = 10
const MAX_HASH_COLLISIONS = 5

export interface DeploymentSpec {
  replicas?: number
  selector?: LabelSelector
  template?: ReplicaSetSpec['template']
  strategy?: { type?: 'RollingUpdate' | 'Recreate'; rollingUpdate?: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent } }
  revisionHistoryLimit?: number
  paused?: boolean
}

interface Condition { type: string; status: string; reason: string; message: string; lastUpdateTime: string; lastTransitionTime: string }

const rsRef = (namespace: string, name: string) => ({ kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace, name })
const specOf = (o: KubeObject) => (o.spec ?? {}) as DeploymentSpec & ReplicaSetSpec
const replicasOf = (rs: KubeObject) => specOf(rs).replicas ?? 1
const statusNum = (rs: KubeObject, field: string) => ((rs.status as Record<string, number> | undefined)?.[field] ?? 0)
const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0) || 0

export class DeploymentController implements Disposable {
  private readonly disposables = new DisposableStore()

  constructor(private readonly deps: ControllerDeps) {}

  start(): this {
    const { store } = this.deps
    this.disposables.add(store.watch((ev) => this.onDeployment(ev), { kind: 'Deployment' }))
    this.disposables.add(store.watch((ev) => this.onReplicaSet(ev), { kind: 'ReplicaSet' }))
    for (const d of store.list({ kind: 'Deployment' })) this.reconcile(d.metadata.namespace!, d.metadata.name)
    return this
  }

  dispose(): void {
    this.disposables.dispose()
  }

  private onDeployment(ev: WatchEvent): void {
    if (ev.type !== 'DELETED') this.reconcile(ev.object.metadata.namespace!, ev.object.metadata.name)
  }

  private onReplicaSet(ev: WatchEvent): void {
    const ref = controllerRefOf(ev.object)
    if (ref?.kind === 'Deployment') this.reconcile(ev.object.metadata.namespace!, ref.name)
  }

  reconcile(namespace: string, name: string): void {
    reconcileSafely(this.deps, () => {
      const d = this.deps.store.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace, name })
      if (!d || !specOf(d).template || !specOf(d).selector) return
      let { newRS, olds } = this.replicaSets(d)
      const created = !newRS
      newRS = newRS ? this.ensureRevision(d, newRS, olds) : this.createNewRS(d, olds)
      if (!specOf(d).paused) this.rollout(d, newRS, olds)
      this.cleanup(d, olds)
      this.syncStatus(namespace, name, created, newRS.metadata.name, olds.map((rs) => rs.metadata.name))
    })
  }

  private replicaSets(d: KubeObject): { newRS?: KubeObject; olds: KubeObject[] } {
    const owned = this.deps.store.list({ kind: 'ReplicaSet', namespace: d.metadata.namespace }).filter((rs) => isControlledBy(rs, d))
    owned.sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : revisionOf(a) - revisionOf(b)))
    const newRS = owned.find((rs) => equalIgnoreHash(specOf(rs).template, specOf(d).template))
    return { newRS, olds: owned.filter((rs) => rs !== newRS) }
  }

  private maxRevision(olds: KubeObject[]): number {
    return olds.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0)
  }

  /** A template that returns to an old ReplicaSet (rollback) makes it the newest revision. */
  private ensureRevision(d: KubeObject, rs: KubeObject, olds: KubeObject[]): KubeObject {
    const revision = Math.max(revisionOf(rs), this.maxRevision(olds) + 1)
    const updated = this.deps.store.mutate(rsRef(rs.metadata.namespace!, rs.metadata.name), (draft) => {
      draft.metadata.annotations = { ...draft.metadata.annotations, ...this.annotations(d, revision) }
    })
    this.setDeploymentRevision(d, revision)
    return updated
  }

  private annotations(d: KubeObject, revision: number): Record<string, string> {
    const desired = specOf(d).replicas ?? 1
    const p = this.params(d)
    return { [DESIRED_REPLICAS_ANNOTATION]: String(desired), [MAX_REPLICAS_ANNOTATION]: String(desired + p.maxSurge), [REVISION_ANNOTATION]: String(revision) }
  }

  private params(d: KubeObject): RollingParams {
    const spec = specOf(d)
    if (spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: spec.replicas ?? 1 }
    return resolveFenceposts(spec.replicas ?? 1, spec.strategy?.rollingUpdate)
  }

  private createNewRS(d: KubeObject, olds: KubeObject[]): KubeObject {
    const spec = specOf(d)
    const revision = this.maxRevision(olds) + 1
    for (let collisions = 0; ; collisions++) {
      const hash = podTemplateHash(spec.template, collisions)
      const name = `${d.metadata.name}-${hash}`
      if (this.deps.store.get(rsRef(d.metadata.namespace!, name)) && collisions < MAX_HASH_COLLISIONS) continue
      const labels = { ...spec.template?.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash }
      const selector = { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } }
      const rs = this.deps.store.create({
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: { name, namespace: d.metadata.namespace, labels, annotations: this.annotations(d, revision), ownerReferences: [controllerRefTo(d)] },
        spec: { replicas: 0, selector, template: { ...structuredClone(spec.template), metadata: { ...structuredClone(spec.template?.metadata), labels } } },
      })
      this.setDeploymentRevision(d, revision)
      return rs
    }
  }

  private setDeploymentRevision(d: KubeObject, revision: number): void {
    this.deps.store.mutate({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: d.metadata.namespace, name: d.metadata.name }, (draft) => {
      draft.metadata.annotations = { ...draft.metadata.annotations, [REVISION_ANNOTATION]: String(revision) }
    })
  }

  /** One reconcile step: grow the new set within the surge, then shrink old sets within the availability budget. */
  private rollout(d: KubeObject, newRS: KubeObject, olds: KubeObject[]): void {
    const desired = specOf(d).replicas ?? 1
    const p = this.params(d)
    const active = olds.filter((rs) => replicasOf(rs) > 0)
    const allCurrent = replicasOf(newRS) + active.reduce((n, rs) => n + replicasOf(rs), 0)
    const recreate = specOf(d).strategy?.type === 'Recreate'
    const oldPods = olds.reduce((n, rs) => n + statusNum(rs, 'replicas'), 0)
    const target = recreate ? (active.length > 0 || oldPods > 0 ? replicasOf(newRS) : desired) : nextNewReplicas(desired, replicasOf(newRS), allCurrent, p)
    this.scale(d, newRS, target)
    if (active.length === 0) return
    if (recreate) return active.forEach((rs) => this.scale(d, rs, 0))
    const current = this.deps.store.get(rsRef(newRS.metadata.namespace!, newRS.metadata.name)) ?? newRS
    const newAvailable = statusNum(current, 'availableReplicas')
    const totalAvailable = newAvailable + active.reduce((n, rs) => n + statusNum(rs, 'availableReplicas'), 0)
    const budget = oldScaleDownBudget(desired, replicasOf(current) + active.reduce((n, rs) => n + replicasOf(rs), 0), replicasOf(current), newAvailable, p)
    if (budget <= 0) return
    const plan = planOldScaleDown(active.map((rs) => ({ replicas: replicasOf(rs), available: statusNum(rs, 'availableReplicas') })), budget, totalAvailable, desired - p.maxUnavailable)
    active.forEach((rs, i) => this.scale(d, rs, plan[i]!))
  }

  private scale(d: KubeObject, rs: KubeObject, to: number): void {
    const from = replicasOf(rs)
    const ref = rsRef(rs.metadata.namespace!, rs.metadata.name)
    this.deps.store.mutate(ref, (draft) => {
      draft.spec = { ...(draft.spec as object), replicas: to }
      draft.metadata.annotations = { ...draft.metadata.annotations, ...this.annotations(d, revisionOf(rs) || 1) }
    })
    if (from === to) return
    const verb = to > from ? 'up' : 'down'
    this.deps.recorder.record(d, COMPONENT, { reason: 'ScalingReplicaSet', message: `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${to}` })
  }

  /** Keeps at most revisionHistoryLimit old ReplicaSets that have scaled to zero, removing the oldest. */
  private cleanup(d: KubeObject, olds: KubeObject[]): void {
    const limit = specOf(d).revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT
    const store = this.deps.store
    const idle = olds.map((rs) => store.get(rsRef(rs.metadata.namespace!, rs.metadata.name))).filter((rs): rs is KubeObject => !!rs && replicasOf(rs) === 0 && statusNum(rs, 'replicas') === 0)
    idle.sort((a, b) => revisionOf(a) - revisionOf(b))
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) store.delete(rsRef(rs.metadata.namespace!, rs.metadata.name))
  }

  /** Status from the ReplicaSets this reconcile saw, re-read by name (cheaper than listing them again). */
  private syncStatus(namespace: string, name: string, created: boolean, newName: string, oldNames: string[]): void {
    const ref = { kind: 'Deployment', apiVersion: 'apps/v1', namespace, name }
    const d = this.deps.store.get(ref)
    if (!d) return
    const read = (n: string) => this.deps.store.get(rsRef(namespace, n))
    const newRS = read(newName)
    const olds = oldNames.map(read).filter((rs): rs is KubeObject => !!rs)
    const all = [...(newRS ? [newRS] : []), ...olds]
    const sum = (f: string) => all.reduce((n, rs) => n + statusNum(rs, f), 0)
    const desired = specOf(d).replicas ?? 1
    const counts: Record<string, number> = {
      replicas: sum('replicas'), updatedReplicas: newRS ? statusNum(newRS, 'replicas') : 0, readyReplicas: sum('readyReplicas'),
      availableReplicas: sum('availableReplicas'),
      unavailableReplicas: Math.max(0, all.reduce((n, rs) => n + replicasOf(rs), 0) - sum('availableReplicas')),
    }
    const status: Record<string, unknown> = { observedGeneration: d.metadata.generation }
    for (const [k, v] of Object.entries(counts)) if (v > 0) status[k] = v
    const complete = counts.updatedReplicas === desired && counts.replicas === desired && counts.availableReplicas === desired
    status.conditions = this.conditions(d, newRS, counts.availableReplicas! >= desired - this.params(d).maxUnavailable, complete, created)
    this.deps.store.mutate(ref, (draft) => { draft.status = status })
  }

  private conditions(d: KubeObject, newRS: KubeObject | undefined, available: boolean, complete: boolean, created: boolean): Condition[] {
    const rsName = newRS?.metadata.name ?? ''
    const progressing = complete
      ? { reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` }
      : created ? { reason: 'NewReplicaSetCreated', message: `Created new replica set "${rsName}"` } : { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${rsName}" is progressing.` }
    const wanted = [
      available
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      { type: 'Progressing', status: 'True', ...progressing },
    ]
    const prev = ((d.status as { conditions?: Condition[] } | undefined)?.conditions ?? [])
    const now = rfc3339(this.deps.clock.now())
    return wanted.map((c) => {
      const old = prev.find((p) => p.type === c.type)
      const same = old && old.status === c.status && old.reason === c.reason && old.message === c.message && old.lastUpdateTime
      if (same) return old
      return { ...c, lastUpdateTime: now, lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : now }
    })
  }
}
