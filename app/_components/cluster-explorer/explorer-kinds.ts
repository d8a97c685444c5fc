// The kinds the cluster explorer offers, grouped as the Kubernetes Dashboard's menu, and which `resource` events touch a view.
import type { EngineEvent } from '@/lab-engine/drivers/engine-event'

export interface ExplorerKind {
  /** The Kind, as `resource` events name it. */
  readonly kind: string
  /** What the API takes (`kubectl get <resource>`). */
  readonly resource: string
  readonly label: string
  readonly namespaced: boolean
}

export interface KindGroup {
  readonly label: string
  readonly kinds: readonly ExplorerKind[]
}

const k = (kind: string, resource: string, label: string, namespaced = true): ExplorerKind => ({ kind, resource, label, namespaced })

export const KIND_GROUPS: readonly KindGroup[] = [
  { label: 'Workloads', kinds: [k('Deployment', 'deployments', 'Deployments'), k('ReplicaSet', 'replicasets', 'Replica sets'), k('Pod', 'pods', 'Pods')] },
  { label: 'Service', kinds: [k('Service', 'services', 'Services'), k('Endpoints', 'endpoints', 'Endpoints')] },
  { label: 'Config', kinds: [k('ConfigMap', 'configmaps', 'Config maps'), k('Secret', 'secrets', 'Secrets'), k('ServiceAccount', 'serviceaccounts', 'Service accounts')] },
  {
    label: 'Istio',
    kinds: [
      k('VirtualService', 'virtualservices', 'Virtual services'), k('DestinationRule', 'destinationrules', 'Destination rules'),
      k('Gateway', 'gateways.networking.istio.io', 'Gateways'), k('ServiceEntry', 'serviceentries', 'Service entries'), k('Sidecar', 'sidecars', 'Sidecars'),
      k('PeerAuthentication', 'peerauthentications', 'Peer authentications'), k('AuthorizationPolicy', 'authorizationpolicies', 'Authorization policies'),
      k('RequestAuthentication', 'requestauthentications', 'Request authentications'),
    ],
  },
  { label: 'Cluster', kinds: [k('Namespace', 'namespaces', 'Namespaces', false), k('Node', 'nodes', 'Nodes', false), k('Event', 'events', 'Events')] },
]

export const ALL_KINDS: readonly ExplorerKind[] = KIND_GROUPS.flatMap((g) => g.kinds)

export function explorerKind(kind: string): ExplorerKind {
  return ALL_KINDS.find((x) => x.kind === kind) ?? ALL_KINDS[2]!
}

type ResourceEvent = Extract<EngineEvent, { type: 'resource' }>

/** Whether an event changes the list of `kind` in `namespace` ('' is all namespaces). */
export function affectsList(e: ResourceEvent, kind: ExplorerKind, namespace: string): boolean {
  if (e.kind !== kind.kind) return false
  return !kind.namespaced || namespace === '' || e.namespace === namespace
}

export interface Selection {
  readonly kind: string
  readonly namespace?: string
  readonly name: string
}

/** Whether an event is about the object whose YAML is open. */
export function affectsSelection(e: ResourceEvent, s: Selection | null): boolean {
  return s !== null && e.kind === s.kind && e.name === s.name && (e.namespace ?? '') === (s.namespace ?? '')
}
