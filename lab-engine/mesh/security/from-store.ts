// Store adapter: reads the security policies, the mesh config and a pod's identity out of the object store.
//
// The pure functions in this directory take plain object lists; this file is
// the thin layer that feeds them from lab-engine/cluster/store.ts. Mesh-config
// fields follow Istio's MeshConfig reference (rootNamespace, trustDomain,
// enableAutoMtls, extensionProviders) as stored in the `istio` ConfigMap in
// istio-system (key `mesh`).

import { parse } from 'yaml'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { peerAuthenticationModeFor, inferNamespaceMode, type ModeDecision } from './peer-authentication'
import { authorizationPoliciesFor, requestAuthenticationsFor, type SecurityKind } from './policy-selection'
import { DEFAULT_ROOT_NAMESPACE, DEFAULT_TRUST_DOMAIN, type MtlsMode, type WorkloadRef } from './types'

/** The mesh config fields security needs. */
export interface MeshSecurityConfig {
  readonly rootNamespace: string
  readonly trustDomain: string
  readonly enableAutoMtls: boolean
  readonly extensionProviders: readonly string[]
}

export const DEFAULT_MESH_SECURITY: MeshSecurityConfig = {
  rootNamespace: DEFAULT_ROOT_NAMESPACE, trustDomain: DEFAULT_TRUST_DOMAIN, enableAutoMtls: true, extensionProviders: [],
}

/** Parses the `mesh` key of the istio ConfigMap; missing or broken fields keep Istio's defaults. */
export function meshSecurityConfigOf(meshYaml: string | undefined): MeshSecurityConfig {
  let doc: Record<string, unknown> = {}
  try {
    const parsed: unknown = meshYaml ? parse(meshYaml) : {}
    if (parsed && typeof parsed === 'object') doc = parsed as Record<string, unknown>
  } catch {
    return DEFAULT_MESH_SECURITY
  }
  const str = (v: unknown, d: string) => (typeof v === 'string' && v !== '' ? v : d)
  const providers = Array.isArray(doc.extensionProviders) ? doc.extensionProviders : []
  return {
    rootNamespace: str(doc.rootNamespace, DEFAULT_ROOT_NAMESPACE),
    trustDomain: str(doc.trustDomain, DEFAULT_TRUST_DOMAIN),
    enableAutoMtls: doc.enableAutoMtls !== false,
    extensionProviders: providers.flatMap((p) => (typeof (p as { name?: unknown })?.name === 'string' ? [(p as { name: string }).name] : [])),
  }
}

/** The mesh config from the istio ConfigMap in istio-system (defaults when Istio is not installed). */
export function meshSecurityConfigFromStore(store: ObjectStore): MeshSecurityConfig {
  const cm = store.get({ kind: 'ConfigMap', apiVersion: 'v1', namespace: DEFAULT_ROOT_NAMESPACE, name: 'istio' })
  const data = cm?.data as Record<string, string> | undefined
  return meshSecurityConfigOf(data?.mesh)
}

/** Every stored object of one security kind, all namespaces. */
export function securityPolicies(store: ObjectStore, kind: SecurityKind): KubeObject[] {
  return store.list({ kind, apiVersion: 'security.istio.io/v1' })
}

/** What security needs to know about a pod: where it runs, its labels, its identity and whether it has a sidecar. */
export interface PodIdentity extends WorkloadRef {
  readonly serviceAccount: string
  readonly sidecar: boolean
}

/** A pod's identity; the service account defaults to `default` as in Kubernetes. */
export function podIdentity(pod: KubeObject): PodIdentity {
  const spec = (pod.spec ?? {}) as { serviceAccountName?: string; containers?: { name?: string }[]; initContainers?: { name?: string; restartPolicy?: string }[] }
  const isProxy = (c: { name?: string }) => c.name === 'istio-proxy'
  const sidecar = (spec.containers ?? []).some(isProxy) || (spec.initContainers ?? []).some((c) => isProxy(c) && c.restartPolicy === 'Always')
  return { namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {}, serviceAccount: spec.serviceAccountName || 'default', sidecar }
}

/** The mTLS mode the pod's sidecar enforces on one workload port. */
export function peerAuthenticationModeFromStore(store: ObjectStore, pod: KubeObject, port: number): ModeDecision {
  const mesh = meshSecurityConfigFromStore(store)
  return peerAuthenticationModeFor(securityPolicies(store, 'PeerAuthentication'), podIdentity(pod), port, mesh.rootNamespace)
}

/** Auto-mTLS hint for a destination namespace (namespace/mesh PeerAuthentication only). */
export function inferredNamespaceModeFromStore(store: ObjectStore, namespace: string): MtlsMode | undefined {
  const mesh = meshSecurityConfigFromStore(store)
  return inferNamespaceMode(securityPolicies(store, 'PeerAuthentication'), namespace, mesh.rootNamespace)
}

/** RequestAuthentications that apply to a workload (pass `gateways` for gateway pods). */
export function requestAuthenticationsFromStore(store: ObjectStore, workload: WorkloadRef): KubeObject[] {
  const mesh = meshSecurityConfigFromStore(store)
  return requestAuthenticationsFor(securityPolicies(store, 'RequestAuthentication'), workload, mesh.rootNamespace)
}

/** AuthorizationPolicies that apply to a workload, in evaluation order. */
export function authorizationPoliciesFromStore(store: ObjectStore, workload: WorkloadRef): KubeObject[] {
  const mesh = meshSecurityConfigFromStore(store)
  return authorizationPoliciesFor(securityPolicies(store, 'AuthorizationPolicy'), workload, mesh.rootNamespace)
}
