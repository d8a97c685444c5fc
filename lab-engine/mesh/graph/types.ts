// MeshTopology: what the live mesh graph draws, as JSON -- namespaces, services, workloads and their compiled routes.
//
// Kiali's service graph model (kiali.io/docs/features/topology/): namespaces box
// services and versioned workloads; traffic-split labels come from the compiled route
// config (deterministic), never from sampled traffic. Ids match the `edges` engine
// event: a workload is "namespace/workload", a service its host (FQDN).

/** Bump when a field changes meaning; the browser refuses versions it does not know. */
export const TOPOLOGY_VERSION = 1

/** Names one Istio resource for the click-through ("reviews" in "default"). */
export interface ConfigName {
  readonly kind: string
  readonly namespace: string
  readonly name: string
}

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE'

/** The PeerAuthentication mode in force and where it came from (Istio's precedence: workload > namespace > mesh). */
export interface MtlsState {
  readonly mode: MtlsMode
  readonly source: 'default' | 'mesh' | 'namespace' | 'workload' | 'port'
  readonly policy?: ConfigName
}

export interface TopologyNamespace {
  readonly name: string
  /** istio-injection / istio.io/rev label: `enabled`, `disabled` or `unset`. */
  readonly injection: 'enabled' | 'disabled' | 'unset'
  /** The namespace-wide mode (a workload without its own policy). */
  readonly mtls: MtlsState
}

export interface TopologyWorkload {
  /** "namespace/workload", as `edges` samples name it. */
  readonly id: string
  readonly namespace: string
  readonly name: string
  /** Deployment, StatefulSet, DaemonSet, Job or Pod (a bare pod). */
  readonly kind: string
  readonly app?: string
  readonly version?: string
  readonly pods: number
  readonly readyPods: number
  /** Pods run an istio-proxy sidecar. */
  readonly injected: boolean
  /** An Istio gateway (istio-proxy run as `proxy router`). */
  readonly gateway: boolean
  readonly mtls: MtlsState
  /** PeerAuthentications, AuthorizationPolicies and RequestAuthentications that apply, in evaluation order. */
  readonly policies: readonly ConfigName[]
  /** Ids of the services that select it. */
  readonly services: readonly string[]
}

export interface TopologySubset {
  readonly name: string
  /** Workload ids behind the subset's cluster. */
  readonly workloads: readonly string[]
}

export interface TopologyService {
  /** The host (FQDN), as route destinations name it. */
  readonly id: string
  readonly namespace: string
  readonly name: string
  readonly ports: readonly { readonly port: number; readonly name: string; readonly protocol: string }[]
  /** A ServiceEntry's host rather than a Kubernetes Service. */
  readonly external: boolean
  readonly workloads: readonly string[]
  /** The VirtualService that owns the host for sidecars, if any (from the compiled routes). */
  readonly virtualService?: ConfigName
  /** The DestinationRule the sidecars' clusters for this host came from, if any. */
  readonly destinationRule?: ConfigName
  readonly subsets: readonly TopologySubset[]
}

export interface RouteDestination {
  /** Destination host; `service` is set when it is in the registry. */
  readonly host: string
  readonly service?: string
  readonly subset?: string
  readonly port: number
  /** Share of the branch's requests, 0-100 (weights are relative, as Envoy divides by their sum). */
  readonly percent: number
  readonly workloads: readonly string[]
}

/** One compiled route: the first whose match fits a request takes it (Istio: first matching rule wins). */
export interface RouteBranch {
  readonly name?: string
  /** "" matches everything; otherwise the conditions, e.g. "end-user=jason", "uri prefix /api". */
  readonly match: string
  readonly action: 'forward' | 'redirect' | 'directResponse'
  readonly destinations: readonly RouteDestination[]
  /** directResponse status, or a redirect's code. */
  readonly status?: number
  /** "delay 7s 100%", "abort 500 50%". */
  readonly fault?: string
  readonly timeoutMs?: number
  readonly retries?: number
  readonly virtualService?: ConfigName
}

/** The routes one virtual host gives some sources: a sidecar's view of a service, or a gateway's of a host. */
export interface RouteTable {
  /** `mesh`: a sidecar's outbound routes (`gateways: mesh`); `gateway`: an ingress or egress gateway's. */
  readonly via: 'mesh' | 'gateway'
  /** The virtual host's name ("reviews.default.svc.cluster.local:9080", "*:80"). */
  readonly host: string
  /** The registry service this virtual host is for (mesh tables only). */
  readonly service?: string
  readonly port: number
  /** Workload ids whose proxies were given exactly these routes. */
  readonly sources: readonly string[]
  readonly branches: readonly RouteBranch[]
}

export interface MeshTopology {
  readonly v: typeof TOPOLOGY_VERSION
  readonly namespaces: readonly TopologyNamespace[]
  readonly workloads: readonly TopologyWorkload[]
  readonly services: readonly TopologyService[]
  readonly routes: readonly RouteTable[]
  /** Some workloads, services or routes were left out at the limits. */
  readonly truncated: boolean
}
