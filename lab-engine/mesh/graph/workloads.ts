// Workloads for the graph: pods grouped by their controller, with app/version, sidecar, mTLS mode and the policies that apply.
//
// Workload naming follows Istio's metric labels (a ReplicaSet's pods belong to its
// Deployment), so graph nodes and `edges` samples share ids. The mTLS mode is Istio's
// PeerAuthentication precedence as the security module resolves it (workload >
// namespace > mesh, oldest wins, UNSET inherits, default PERMISSIVE).

import type { ObjectStore } from '../../cluster/store'
import type { KubeObject, Labels } from '../../cluster/types'
import { proxyIdentity } from '../control/mesh-index'
import {
  authorizationPoliciesFor, composePeerAuthentication, meshSecurityConfigFromStore, peerAuthenticationsFor,
  podIdentity, requestAuthenticationsFor, securityPolicies, type ModeDecision, type WorkloadRef,
} from '../security'
import { workloadName } from '../telemetry-bridge/workload-info'
import type { ConfigName, MtlsState, TopologyWorkload } from './types'

/** Workloads drawn at most; the rest are left out and the topology says it was truncated. */
export const MAX_TOPOLOGY_WORKLOADS = 300

/** The security policies and root namespace, read once per topology. */
export interface PolicyContext {
  readonly rootNamespace: string
  readonly peer: readonly KubeObject[]
  readonly authz: readonly KubeObject[]
  readonly authn: readonly KubeObject[]
}

export function policyContext(store: ObjectStore): PolicyContext {
  const list = (kind: 'PeerAuthentication' | 'AuthorizationPolicy' | 'RequestAuthentication') => {
    try { return securityPolicies(store, kind) } catch { return [] }
  }
  return { rootNamespace: meshSecurityConfigFromStore(store).rootNamespace, peer: list('PeerAuthentication'), authz: list('AuthorizationPolicy'), authn: list('RequestAuthentication') }
}

function nameOf(kind: string, o: KubeObject): ConfigName {
  return { kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name }
}

export function mtlsStateOf(d: ModeDecision): MtlsState {
  return { mode: d.mode, source: d.source, ...(d.policy ? { policy: { kind: 'PeerAuthentication', ...d.policy } } : {}) }
}

/** The mode a workload (or, with no labels, a namespace's unselected workloads) enforces. */
export function mtlsFor(ctx: PolicyContext, ref: WorkloadRef): MtlsState {
  return mtlsStateOf(composePeerAuthentication(peerAuthenticationsFor(ctx.peer, ref, ctx.rootNamespace), ctx.rootNamespace))
}

function policiesFor(ctx: PolicyContext, ref: WorkloadRef): ConfigName[] {
  return [
    ...peerAuthenticationsFor(ctx.peer, ref, ctx.rootNamespace).map((p) => nameOf('PeerAuthentication', p)),
    ...authorizationPoliciesFor(ctx.authz, ref, ctx.rootNamespace).map((p) => nameOf('AuthorizationPolicy', p)),
    ...requestAuthenticationsFor(ctx.authn, ref, ctx.rootNamespace).map((p) => nameOf('RequestAuthentication', p)),
  ]
}

function isReady(pod: KubeObject): boolean {
  const conds = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []
  return conds.some((c) => c.type === 'Ready' && c.status === 'True')
}

function isGateway(pod: KubeObject): boolean {
  const containers = (pod.spec as { containers?: { name: string; args?: string[] }[] } | undefined)?.containers ?? []
  return proxyIdentity(pod)?.kind === 'gateway' || containers.some((c) => c.name === 'istio-proxy' && c.args?.[1] === 'router')
}

function controllerKind(pod: KubeObject): string {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0]
  if (!owner) return 'Pod'
  return owner.kind === 'ReplicaSet' && workloadName(pod) !== owner.name ? 'Deployment' : owner.kind
}

function withoutHash(labels: Labels | undefined): Labels {
  const { 'pod-template-hash': _hash, ...rest } = labels ?? {}
  return rest
}

/** A workload from its pods (all share the controller); labels are the first pod's. */
function fromPods(ctx: PolicyContext, pods: KubeObject[]): Omit<TopologyWorkload, 'services'> {
  const first = pods[0]!
  const namespace = first.metadata.namespace ?? 'default'
  const labels = withoutHash(first.metadata.labels)
  const name = workloadName(first)
  const ref: WorkloadRef = { namespace, labels }
  const app = labels.app ?? labels['app.kubernetes.io/name']
  const version = labels.version ?? labels['app.kubernetes.io/version']
  return {
    id: `${namespace}/${name}`, namespace, name, kind: controllerKind(first),
    ...(app !== undefined ? { app } : {}), ...(version !== undefined ? { version } : {}),
    pods: pods.length, readyPods: pods.filter(isReady).length,
    injected: pods.some((p) => podIdentity(p).sidecar), gateway: pods.some(isGateway),
    mtls: mtlsFor(ctx, ref), policies: policiesFor(ctx, ref),
  }
}

/** A Deployment scaled to zero (or not started yet) still draws, with no pods. */
function fromDeployment(ctx: PolicyContext, d: KubeObject): Omit<TopologyWorkload, 'services'> {
  const namespace = d.metadata.namespace ?? 'default'
  const labels = (d.spec as { template?: { metadata?: { labels?: Labels } } } | undefined)?.template?.metadata?.labels ?? {}
  const ref: WorkloadRef = { namespace, labels }
  return {
    id: `${namespace}/${d.metadata.name}`, namespace, name: d.metadata.name, kind: 'Deployment',
    ...(labels.app !== undefined ? { app: labels.app } : {}), ...(labels.version !== undefined ? { version: labels.version } : {}),
    pods: 0, readyPods: 0, injected: false, gateway: false, mtls: mtlsFor(ctx, ref), policies: policiesFor(ctx, ref),
  }
}

/** Workloads sorted by id; `podWorkload` maps "namespace/pod" to its workload id. */
export function buildWorkloads(store: ObjectStore, ctx: PolicyContext): { workloads: Omit<TopologyWorkload, 'services'>[]; podWorkload: Map<string, string>; truncated: boolean } {
  const groups = new Map<string, KubeObject[]>()
  const podWorkload = new Map<string, string>()
  for (const pod of store.list({ kind: 'Pod' })) {
    const id = `${pod.metadata.namespace ?? 'default'}/${workloadName(pod)}`
    groups.set(id, [...(groups.get(id) ?? []), pod])
    podWorkload.set(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`, id)
  }
  const built = [...groups.values()].map((pods) => fromPods(ctx, pods))
  for (const d of store.list({ kind: 'Deployment' })) {
    if (!groups.has(`${d.metadata.namespace}/${d.metadata.name}`)) built.push(fromDeployment(ctx, d))
  }
  built.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { workloads: built.slice(0, MAX_TOPOLOGY_WORKLOADS), podWorkload, truncated: built.length > MAX_TOPOLOGY_WORKLOADS }
}
