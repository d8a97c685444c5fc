// Effective PeerAuthentication: the mTLS mode a workload's inbound port enforces, after precedence and inheritance.
//
// Istio "Authentication Policy" concept page (Peer authentication, policy
// precedence) and istiod's ComposePeerAuthentication
// (pilot/pkg/security/authn/policy_applier.go):
// - the narrowest policy wins: workload-specific > namespace-wide > mesh-wide;
// - several policies at one level: the oldest (creationTimestamp) wins;
// - UNSET inherits from the parent level; with nothing set, PERMISSIVE;
// - portLevelMtls only counts on a workload-specific policy (Istio requires a
//   selector for it) and is keyed by the workload's port (the container port,
//   not the Service port); an UNSET port inherits the workload's mode;
// - a policy with a selector in the root namespace is ignored.

import type { KubeObject } from '../../cluster/types'
import { byCreation, hasEmptySelector, peerAuthenticationsFor } from './policy-selection'
import { DEFAULT_ROOT_NAMESPACE, refOf, specOf, type MtlsMode, type PolicyRef, type WorkloadRef } from './types'

/** Where the mode in force came from, for decision traces. */
export type ModeSource = 'default' | 'mesh' | 'namespace' | 'workload' | 'port'

export interface ModeDecision {
  readonly mode: MtlsMode
  readonly source: ModeSource
  /** The policy that set the mode (absent for the PERMISSIVE default). */
  readonly policy?: PolicyRef
}

export interface EffectivePeerAuthentication extends ModeDecision {
  /** Port-level modes from the workload policy, by workload port. */
  readonly perPort: Readonly<Record<number, ModeDecision>>
  /** The policy chosen at each level (the oldest), even when it set nothing. */
  readonly chosen: { readonly mesh?: PolicyRef; readonly namespace?: PolicyRef; readonly workload?: PolicyRef }
}

const MODES: readonly string[] = ['STRICT', 'PERMISSIVE', 'DISABLE']

/** A policy's or port's mode, or undefined for UNSET / missing. */
function modeOf(mtls: unknown): MtlsMode | undefined {
  const mode = (mtls as { mode?: unknown } | undefined)?.mode
  return typeof mode === 'string' && MODES.includes(mode) ? (mode as MtlsMode) : undefined
}

function oldest(list: KubeObject[]): KubeObject | undefined {
  return [...list].sort(byCreation)[0]
}

/** Composes the given applicable PeerAuthentications (see peerAuthenticationsFor). */
export function composePeerAuthentication(applicable: readonly KubeObject[], rootNamespace = DEFAULT_ROOT_NAMESPACE): EffectivePeerAuthentication {
  const pas = applicable.filter((p) => p.kind === 'PeerAuthentication')
  const inRoot = (p: KubeObject) => p.metadata.namespace === rootNamespace
  const mesh = oldest(pas.filter((p) => hasEmptySelector(p) && inRoot(p)))
  const ns = oldest(pas.filter((p) => hasEmptySelector(p) && !inRoot(p)))
  const workload = oldest(pas.filter((p) => !hasEmptySelector(p) && !inRoot(p)))
  let decision: ModeDecision = { mode: 'PERMISSIVE', source: 'default' }
  for (const [policy, source] of [[mesh, 'mesh'], [ns, 'namespace'], [workload, 'workload']] as const) {
    const mode = policy ? modeOf(specOf(policy).mtls) : undefined
    if (policy && mode) decision = { mode, source, policy: refOf(policy) }
  }
  const chosen = { mesh: mesh && refOf(mesh), namespace: ns && refOf(ns), workload: workload && refOf(workload) }
  return { ...decision, perPort: workload ? portModes(workload, decision) : {}, chosen }
}

function portModes(policy: KubeObject, parent: ModeDecision): Record<number, ModeDecision> {
  const raw = specOf(policy).portLevelMtls
  if (!raw || typeof raw !== 'object') return {}
  const out: Record<number, ModeDecision> = {}
  for (const [port, mtls] of Object.entries(raw as Record<string, unknown>)) {
    const n = Number(port)
    if (!Number.isInteger(n) || n < 1 || n > 65535) continue
    const mode = modeOf(mtls)
    out[n] = mode ? { mode, source: 'port', policy: refOf(policy) } : { ...parent }
  }
  return out
}

/** The mode one inbound (workload) port enforces: port-level if set, else the workload's. */
export function modeForPort(effective: EffectivePeerAuthentication, port: number): ModeDecision {
  const perPort = effective.perPort[port]
  if (perPort) return perPort
  return { mode: effective.mode, source: effective.source, ...(effective.policy ? { policy: effective.policy } : {}) }
}

/** Selection and composition in one call: the mode `workload` enforces on `port`. */
export function peerAuthenticationModeFor(policies: readonly KubeObject[], workload: WorkloadRef, port: number, rootNamespace = DEFAULT_ROOT_NAMESPACE): ModeDecision {
  return modeForPort(composePeerAuthentication(peerAuthenticationsFor(policies, workload, rootNamespace), rootNamespace), port)
}

/**
 * What a client sidecar can infer about a server namespace for auto mTLS:
 * only namespace- and mesh-level policies count (istiod's
 * BestEffortInferServiceMTLSMode falls back to GetNamespaceMutualTLSMode);
 * undefined when neither exists.
 */
export function inferNamespaceMode(policies: readonly KubeObject[], namespace: string, rootNamespace = DEFAULT_ROOT_NAMESPACE): MtlsMode | undefined {
  const pas = policies.filter((p) => p.kind === 'PeerAuthentication' && hasEmptySelector(p))
  const mesh = oldest(pas.filter((p) => p.metadata.namespace === rootNamespace))
  const ns = namespace === rootNamespace ? undefined : oldest(pas.filter((p) => p.metadata.namespace === namespace))
  const meshMode = mesh ? (modeOf(specOf(mesh).mtls) ?? 'PERMISSIVE') : undefined
  if (!ns) return meshMode
  return modeOf(specOf(ns).mtls) ?? meshMode ?? 'PERMISSIVE'
}
