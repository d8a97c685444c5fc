// Kinds table: the resource types the sim serves, with names, API versions and scope.
//
// Names and short names follow `kubectl api-resources` on a kind cluster with
// Istio installed; Istio's served versions follow its CRDs (istio.io/latest/docs/reference/config/).

export interface KindInfo {
  readonly kind: string
  /** API group; '' is the core group. */
  readonly group: string
  /** Versions served, preferred first. */
  readonly versions: readonly string[]
  readonly plural: string
  readonly singular: string
  readonly shortNames: readonly string[]
  readonly namespaced: boolean
  /** Served only once Istio's CRDs are installed. */
  readonly istio?: boolean
}

const NET = ['v1', 'v1beta1', 'v1alpha3']
const SEC = ['v1', 'v1beta1']

function k(kind: string, group: string, versions: string[], plural: string, shortNames: string[], namespaced = true, istio = false): KindInfo {
  return { kind, group, versions, plural, singular: kind.toLowerCase(), shortNames, namespaced, ...(istio ? { istio } : {}) }
}

export const KINDS: readonly KindInfo[] = [
  k('Namespace', '', ['v1'], 'namespaces', ['ns'], false),
  k('Node', '', ['v1'], 'nodes', ['no'], false),
  k('Pod', '', ['v1'], 'pods', ['po']),
  k('Service', '', ['v1'], 'services', ['svc']),
  k('Endpoints', '', ['v1'], 'endpoints', ['ep']),
  k('ConfigMap', '', ['v1'], 'configmaps', ['cm']),
  k('Secret', '', ['v1'], 'secrets', []),
  k('ServiceAccount', '', ['v1'], 'serviceaccounts', ['sa']),
  k('Event', '', ['v1'], 'events', ['ev']),
  k('Deployment', 'apps', ['v1'], 'deployments', ['deploy']),
  k('ReplicaSet', 'apps', ['v1'], 'replicasets', ['rs']),
  k('EndpointSlice', 'discovery.k8s.io', ['v1'], 'endpointslices', []),
  k('CustomResourceDefinition', 'apiextensions.k8s.io', ['v1'], 'customresourcedefinitions', ['crd', 'crds'], false),
  // RBAC objects are stored and listed (Istio's addons create them); the sim does not enforce authorization.
  k('ClusterRole', 'rbac.authorization.k8s.io', ['v1'], 'clusterroles', [], false),
  k('ClusterRoleBinding', 'rbac.authorization.k8s.io', ['v1'], 'clusterrolebindings', [], false),
  k('Role', 'rbac.authorization.k8s.io', ['v1'], 'roles', []),
  k('RoleBinding', 'rbac.authorization.k8s.io', ['v1'], 'rolebindings', []),
  k('VirtualService', 'networking.istio.io', NET, 'virtualservices', ['vs'], true, true),
  k('DestinationRule', 'networking.istio.io', NET, 'destinationrules', ['dr'], true, true),
  k('Gateway', 'networking.istio.io', NET, 'gateways', ['gw'], true, true),
  k('ServiceEntry', 'networking.istio.io', NET, 'serviceentries', ['se'], true, true),
  k('Sidecar', 'networking.istio.io', NET, 'sidecars', [], true, true),
  k('EnvoyFilter', 'networking.istio.io', ['v1alpha3'], 'envoyfilters', [], true, true),
  k('PeerAuthentication', 'security.istio.io', SEC, 'peerauthentications', ['pa'], true, true),
  k('AuthorizationPolicy', 'security.istio.io', SEC, 'authorizationpolicies', ['ap'], true, true),
  k('RequestAuthentication', 'security.istio.io', SEC, 'requestauthentications', ['ra'], true, true),
  k('Telemetry', 'telemetry.istio.io', ['v1', 'v1alpha1'], 'telemetries', ['telemetry'], true, true),
]

/** "group/version", or just "version" for the core group. */
export function apiVersionOf(info: KindInfo, version = info.versions[0]!): string {
  return info.group ? `${info.group}/${version}` : version
}

/** Splits "group/version" ("v1" is the core group). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/')
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) }
}

/**
 * The kind served at apiVersion, or undefined: then a real cluster answers
 * `no matches for kind "MeshPolicy" in version "authentication.istio.io/v1alpha1"`
 * (removed APIs such as authentication.istio.io/v1alpha1 end up here).
 */
export function kindFor(apiVersion: string, kind: string): KindInfo | undefined {
  const { group, version } = splitApiVersion(apiVersion)
  return KINDS.find((info) => info.kind === kind && info.group === group && info.versions.includes(version))
}

/** The kind by name alone (first match), for refs that carry no apiVersion. */
export function kindByName(kind: string): KindInfo | undefined {
  return KINDS.find((info) => info.kind === kind)
}

/** The message a real API server gives for a kind it does not serve. */
export function noMatchMessage(apiVersion: string, kind: string): string {
  return `no matches for kind "${kind}" in version "${apiVersion}"`
}

/**
 * Resolves what a learner types after `kubectl get`: plural, singular, short
 * name or Kind, optionally qualified by group ("virtualservices.networking.istio.io")
 * or "plural.version.group". Case-insensitive, as kubectl is.
 */
export function resolveResource(typed: string): KindInfo | undefined {
  const name = typed.toLowerCase()
  const dot = name.indexOf('.')
  const head = dot < 0 ? name : name.slice(0, dot)
  const rest = dot < 0 ? undefined : name.slice(dot + 1)
  return KINDS.find((info) => namesOf(info).includes(head) && (rest === undefined || qualifies(info, rest)))
}

/** The message kubectl prints for a resource type it cannot resolve. */
export function unknownResourceMessage(typed: string): string {
  return `the server doesn't have a resource type "${typed}"`
}

function namesOf(info: KindInfo): string[] {
  return [info.plural, info.singular, info.kind.toLowerCase(), ...info.shortNames]
}

function qualifies(info: KindInfo, rest: string): boolean {
  if (rest === info.group) return true
  return info.versions.some((v) => rest === `${v}.${info.group}`)
}
