// Kubernetes object shapes the store keeps: identity, metadata and free-form spec/status.
//
// Follows the Kubernetes API conventions ("Objects": apiVersion, kind, metadata,
// spec, status) and the ObjectMeta reference (kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/).

export type Labels = Record<string, string>

/** kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/ */
export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

/** Metadata as the server returns it: the server owns uid, resourceVersion, generation and timestamps. */
export interface ObjectMeta {
  name: string
  namespace?: string
  generateName?: string
  uid: string
  resourceVersion: string
  /** Absent on kinds without spec (ConfigMap, Secret...), as on a real API server. */
  generation?: number
  creationTimestamp: string
  deletionTimestamp?: string
  labels?: Labels
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
}

/** A stored object. Kinds without spec (ConfigMap data, Endpoints subsets) keep their fields at top level. */
export interface KubeObject<Spec = unknown, Status = unknown> {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  spec?: Spec
  status?: Status
  [field: string]: unknown
}

/** What a client sends: server-owned metadata is optional and ignored where the server sets it. */
export interface ObjectInput {
  apiVersion: string
  kind: string
  metadata: Partial<ObjectMeta>
  [field: string]: unknown
}

/** Identifies one object; namespace is ignored for cluster-scoped kinds and defaults to "default". */
export interface ObjRef {
  kind: string
  name: string
  namespace?: string
  /** Tells apart kinds that share a name across groups (e.g. Event in v1 vs events.k8s.io). */
  apiVersion?: string
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

/** kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes */
export interface WatchEvent {
  type: WatchEventType
  object: KubeObject
}
