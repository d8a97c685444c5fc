// Policy selection: which PeerAuthentication, RequestAuthentication and AuthorizationPolicy objects apply to a workload.
//
// Follows Istio's "Authentication Policy" and "Authorization" concept pages and
// istiod's selection code (pilot/pkg/model authentication.go, authorization.go,
// policyattachment.go):
// - a policy in the root namespace (meshConfig.rootNamespace, istio-system)
//   applies mesh-wide; a policy elsewhere applies to its own namespace;
// - no selector (or empty matchLabels) = every workload in scope; otherwise
//   every matchLabels pair must be on the workload;
// - RequestAuthentication and AuthorizationPolicy may use `targetRef(s)`
//   instead: such a policy never applies to a sidecar, only to a gateway it
//   names in its own namespace (classic Gateway, or a Kubernetes Gateway named
//   by the pod's gateway.networking.k8s.io/gateway-name label);
// - lists are ordered by creation time, oldest first (istiod sorts by
//   creationTimestamp, then name, then namespace).

import type { KubeObject } from '../../cluster/types'
import { DEFAULT_ROOT_NAMESPACE, specOf, type WorkloadRef } from './types'

/** Policies of one kind considered per workload; more are ignored (a safety cap, not an Istio limit). */
export const MAX_POLICIES_PER_KIND = 1000

export type SecurityKind = 'PeerAuthentication' | 'RequestAuthentication' | 'AuthorizationPolicy'

/** Where a selected policy takes effect, for PeerAuthentication precedence and traces. */
export type PolicyScope = 'mesh' | 'namespace' | 'workload'

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name'

interface TargetRef { group?: string; kind?: string; name?: string; namespace?: string }

/** Oldest first, as istiod's sortConfigByCreationTime orders configs. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = Date.parse(a.metadata.creationTimestamp)
  const tb = Date.parse(b.metadata.creationTimestamp)
  if (ta !== tb) return (Number.isNaN(ta) ? 0 : ta) - (Number.isNaN(tb) ? 0 : tb)
  if (a.metadata.name !== b.metadata.name) return a.metadata.name < b.metadata.name ? -1 : 1
  const na = a.metadata.namespace ?? ''
  const nb = b.metadata.namespace ?? ''
  return na < nb ? -1 : na > nb ? 1 : 0
}

function matchLabelsOf(policy: KubeObject): Record<string, string> {
  const selector = specOf(policy).selector as { matchLabels?: Record<string, string> } | undefined
  return selector?.matchLabels ?? {}
}

/** True when the policy has no selector or an empty one (namespace- or mesh-wide). */
export function hasEmptySelector(policy: KubeObject): boolean {
  return Object.keys(matchLabelsOf(policy)).length === 0
}

/** Istio's labels.Instance.SubsetOf: every selector pair is on the workload. */
export function selectorMatches(policy: KubeObject, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(matchLabelsOf(policy)).every(([k, v]) => labels[k] === v)
}

/** `targetRefs`, or the legacy single `targetRef` (policyattachment.go GetTargetRefs). */
export function targetRefsOf(policy: KubeObject): TargetRef[] {
  const spec = specOf(policy)
  const refs = Array.isArray(spec.targetRefs) ? (spec.targetRefs as TargetRef[]) : []
  if (refs.length > 0) return refs
  return spec.targetRef && typeof spec.targetRef === 'object' ? [spec.targetRef as TargetRef] : []
}

/** Scope of a policy relative to the root namespace. */
export function scopeOf(policy: KubeObject, rootNamespace = DEFAULT_ROOT_NAMESPACE): PolicyScope {
  if (!hasEmptySelector(policy)) return 'workload'
  return policy.metadata.namespace === rootNamespace ? 'mesh' : 'namespace'
}

/** policyattachment.go ShouldAttachPolicy, for sidecars and gateways (waypoints are not modelled). */
function attaches(policy: KubeObject, workload: WorkloadRef): boolean {
  const refs = targetRefsOf(policy)
  if (refs.length === 0) return selectorMatches(policy, workload.labels)
  const ns = policy.metadata.namespace ?? ''
  return refs.some((ref) => targetsWorkload(ref, ns, workload))
}

function targetsWorkload(ref: TargetRef, policyNs: string, workload: WorkloadRef): boolean {
  if (ref.namespace && ref.namespace !== policyNs) return false
  if (ref.kind !== 'Gateway') return false
  if (ref.group === 'networking.istio.io') {
    return (workload.gateways ?? []).some((g) => g.name === ref.name && g.namespace === policyNs)
  }
  const k8sGateway = ref.group === 'gateway.networking.k8s.io'
  return k8sGateway && policyNs === workload.namespace && workload.labels[GATEWAY_NAME_LABEL] === ref.name
}

function inScope(policy: KubeObject, kind: SecurityKind, ns: string): boolean {
  return policy.kind === kind && (policy.metadata.namespace ?? '') === ns
}

function pick(policies: readonly KubeObject[], kind: SecurityKind, namespaces: string[], applies: (p: KubeObject) => boolean): KubeObject[] {
  const unique = [...new Set(namespaces)]
  const candidates = policies.filter((p) => p.kind === kind).slice(0, MAX_POLICIES_PER_KIND)
  return unique.flatMap((ns) => candidates.filter((p) => inScope(p, kind, ns) && applies(p)).sort(byCreation))
}

/**
 * PeerAuthentications that apply to the workload: its namespace's, then the
 * root namespace's (authentication.go getConfigsForWorkload). PeerAuthentication
 * has no targetRef; selector matching is all it does.
 */
export function peerAuthenticationsFor(policies: readonly KubeObject[], workload: WorkloadRef, rootNamespace = DEFAULT_ROOT_NAMESPACE): KubeObject[] {
  return pick(policies, 'PeerAuthentication', [workload.namespace, rootNamespace], (p) => selectorMatches(p, workload.labels))
}

/** RequestAuthentications that apply: workload namespace first, then root namespace. */
export function requestAuthenticationsFor(policies: readonly KubeObject[], workload: WorkloadRef, rootNamespace = DEFAULT_ROOT_NAMESPACE): KubeObject[] {
  return pick(policies, 'RequestAuthentication', [workload.namespace, rootNamespace], (p) => attaches(p, workload))
}

/** AuthorizationPolicies that apply: root namespace first, then the workload's (authorization.go ListAuthorizationPolicies). */
export function authorizationPoliciesFor(policies: readonly KubeObject[], workload: WorkloadRef, rootNamespace = DEFAULT_ROOT_NAMESPACE): KubeObject[] {
  return pick(policies, 'AuthorizationPolicy', [rootNamespace, workload.namespace], (p) => attaches(p, workload))
}
