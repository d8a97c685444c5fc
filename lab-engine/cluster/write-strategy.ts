// Write strategy: what the API server does to an object of a given kind on every create and update, before storing it.
//
// Follows kubernetes/pkg/registry/*/strategy.go and the v1 conversions:
// - Secret: "stringData ... is merged into the data field on write, overwriting
//   any existing values. The stringData field is never output when reading from
//   the API" (kubernetes.io/docs/concepts/configuration/secret/); the merge is
//   the v1 -> internal conversion, so it happens on create, update and patch alike.
//   An absent type defaults to Opaque (k8s.io/kubernetes pkg/apis/core/v1/defaults.go).
// - metadata.generation is set only by the strategies that track a desired state
//   (Deployment, ReplicaSet, EndpointSlice, CRDs and custom resources...). Data-only
//   kinds (ConfigMap, Secret, Endpoints, ServiceAccount, Event) never carry one, and
//   neither do Namespace, Node, Service and the RBAC kinds, whose strategies leave it
//   unset (`kubectl get svc kubernetes -o yaml` shows none).

import type { KubeObject } from './types'

/** Kinds whose registry strategy never sets metadata.generation. */
const WITHOUT_GENERATION: ReadonlySet<string> = new Set([
  'ConfigMap', 'Secret', 'Endpoints', 'ServiceAccount', 'Event',
  'Namespace', 'Node', 'Service', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding',
])

/** Whether objects of this kind carry metadata.generation. */
export function hasGeneration(kind: string): boolean {
  return !WITHOUT_GENERATION.has(kind)
}

/**
 * Applies the kind's on-write conversion and defaults to obj (a mutable copy the
 * store owns); prev is the stored version on update. A Secret without a type is
 * Opaque (SetDefaults_Secret); on update it keeps the stored type, as the type
 * is immutable and a real server would refuse the change rather than make it.
 */
export function prepareForWrite(obj: KubeObject, prev?: KubeObject): KubeObject {
  if (obj.kind === 'Secret' && obj.apiVersion === 'v1') {
    mergeStringData(obj)
    if (obj.type === undefined || obj.type === '') obj.type = prev?.type ?? 'Opaque'
  }
  return obj
}

/** Secret stringData -> data (base64 of UTF-8), stringData winning on a shared key; stringData is dropped. */
function mergeStringData(secret: KubeObject): void {
  const plain = secret.stringData as Record<string, unknown> | undefined
  delete secret.stringData
  if (!plain || typeof plain !== 'object') return
  const entries = Object.entries(plain)
  if (entries.length === 0) return
  const data: Record<string, unknown> = { ...((secret.data as Record<string, unknown> | undefined) ?? {}) }
  for (const [key, value] of entries) data[key] = base64Utf8(String(value ?? ''))
  secret.data = data
}

/** Base64 of a string's UTF-8 bytes, as the API stores Secret data. */
export function base64Utf8(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
