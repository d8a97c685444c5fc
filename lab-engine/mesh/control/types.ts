// Compiled proxy config: what istiod would push to one Envoy (listeners, routes, clusters, endpoints).
//
// The data plane executes requests over these types only; it never re-reads
// VirtualServices or DestinationRules (DESIGN.md: "config compile and request
// execution are separate"). Shapes follow Envoy's xDS resources as Istio fills
// them (istio.io/latest/docs/ops/diagnostic-tools/proxy-cmd/), trimmed to what
// the sim models. Durations are milliseconds; `undefined` means "not set"
// (Envoy's default applies, usually "unlimited" or "disabled").

import type { Labels } from '../../cluster/types'

export type TrafficDirection = 'outbound' | 'inbound'

/** Which Envoy this is: an injected sidecar or a gateway (istio-proxy started with `proxy router`). */
export interface ProxyIdentity {
  kind: 'sidecar' | 'gateway'
  pod: string
  namespace: string
  ip: string
  labels: Labels
  serviceAccount: string
}

/** Everything one proxy was given. Maps are keyed by resource name for the data plane's lookups. */
export interface ProxyConfig {
  proxy: ProxyIdentity
  listeners: Listener[]
  /**
   * Route configurations by name ("9080", "<host>:<port>" for sniffed ports, "inbound|9080||",
   * "http.8080", "https.443.<port name>.<gateway>.<ns>"); the static health and stats ones
   * (Envoy name "") are keyed "static:15021" and "static:15090". Chains refer to them by key.
   */
  routes: ReadonlyMap<string, RouteConfiguration>
  clusters: ReadonlyMap<string, Cluster>
  /** Endpoints (EDS) by cluster name; clusters without endpoints (ORIGINAL_DST, BlackHole) have none. */
  endpoints: ReadonlyMap<string, LbEndpoint[]>
  /** Mesh (or Sidecar resource) outbound policy: unknown destinations pass through or hit BlackHoleCluster. */
  outboundTrafficPolicy: OutboundTrafficPolicyMode
  /** The Sidecar resource that scoped this proxy's egress, if any. */
  sidecarScope?: ConfigRef
  /**
   * Left for the security compile step (PeerAuthentication, AuthorizationPolicy,
   * RequestAuthentication), which another module fills: this compiler never evaluates policy.
   */
  security?: Readonly<Record<string, unknown>>
}

export type OutboundTrafficPolicyMode = 'ALLOW_ANY' | 'REGISTRY_ONLY'

/** Points back at the Istio resource a piece of config came from (name.namespace in istioctl's tables). */
export interface ConfigRef {
  kind: 'VirtualService' | 'DestinationRule' | 'Gateway' | 'ServiceEntry' | 'Sidecar'
  name: string
  namespace: string
}

// ---------------------------------------------------------------- listeners

export interface Listener {
  /** Envoy's listener name: "0.0.0.0_9080", "10.96.0.10_53", "virtualOutbound", "virtualInbound". */
  name: string
  address: string
  port: number
  /** Inbound (15006), outbound (15001 and per-service-port) or a gateway's server port. */
  trafficDirection: TrafficDirection
  /** virtualOutbound / virtualInbound hand connections to the listener of their original destination. */
  useOriginalDst?: boolean
  filterChains: FilterChain[]
}

/** Which connections a chain takes (Envoy FilterChainMatch); an empty match takes everything. */
export interface FilterChainMatch {
  destinationPort?: number
  transportProtocol?: 'raw_buffer' | 'tls'
  applicationProtocols?: string[]
  serverNames?: string[]
  /** CIDRs such as "0.0.0.0/0". */
  prefixRanges?: string[]
}

export interface FilterChain {
  name?: string
  match: FilterChainMatch
  destination: ChainDestination
  /** Gateway server TLS termination (Gateway servers[].tls), absent for plaintext. */
  tls?: ServerTls
}

export type ChainDestination =
  | { kind: 'route'; routeConfigName: string }
  | { kind: 'inlineRoute'; routeConfigName: string }
  | { kind: 'cluster'; cluster: string }
  /** A TCP/TLS VirtualService rule splitting connections by weight (Istio TCP traffic shifting). */
  | { kind: 'weightedClusters'; clusters: WeightedCluster[] }
  /** No HTTP or TCP filter: Envoy closes the connection (e.g. a loop back into 15001). */
  | { kind: 'none' }

/** Istio Gateway `tls`: how the gateway terminates or passes TLS. */
export interface ServerTls {
  mode: 'PASSTHROUGH' | 'SIMPLE' | 'MUTUAL' | 'AUTO_PASSTHROUGH' | 'ISTIO_MUTUAL' | 'OPTIONAL_MUTUAL'
  credentialName?: string
  httpsRedirect?: boolean
}

// ---------------------------------------------------------------- routes

export interface RouteConfiguration {
  name: string
  virtualHosts: VirtualHost[]
}

export interface VirtualHost {
  /** "reviews.default.svc.cluster.local:9080", "allow_any", "block_all", "httpbin.example.com:80". */
  name: string
  /**
   * Host header values this virtual host takes; sidecars list no ports (the Host header's
   * port is stripped before matching), gateways add "host:*". "*" is the catch-all.
   * Pick one with lookup.selectVirtualHost.
   */
  domains: string[]
  /** In order: Envoy takes the first route whose match fits (Istio traffic-management: first matching rule wins). */
  routes: Route[]
}

export interface Route {
  /** `http[].name`, plus `.match[].name` when the match block is named (Istio's route naming). */
  name?: string
  match: RouteMatch
  action: RouteAction
  /** Route-level header manipulation (VirtualService http[].headers). */
  headers?: HeaderOperations
  fault?: FaultInjection
  cors?: CorsPolicy
  /** Which VirtualService rule produced this route; absent for Istio's generated defaults. */
  origin?: RouteOrigin
}

export interface RouteOrigin {
  virtualService: ConfigRef
  /** Index into spec.http[] (or spec.tls[] / spec.tcp[]). */
  ruleIndex: number
  ruleName?: string
  /** Index into the rule's match[] (absent when the rule has no match). */
  matchIndex?: number
  matchName?: string
}

export type StringMatch =
  | { kind: 'exact'; value: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'regex'; value: string }

/** All conditions AND together (Istio VirtualService HTTPMatchRequest); match blocks of one rule become separate routes (OR). */
export interface RouteMatch {
  /** Path match; `prefix "/"` when the rule gives no uri. */
  path: StringMatch
  ignoreCase?: boolean
  headers: HeaderMatch[]
  queryParams: QueryParamMatch[]
  method?: StringMatch
  authority?: StringMatch
  scheme?: StringMatch
  /**
   * Conditions Istio resolves while compiling (port, sourceLabels, sourceNamespace,
   * gateways): blocks that do not apply to this proxy were already dropped; kept here
   * so decision traces can say why a rule applied.
   */
  compiledFrom?: { port?: number; sourceLabels?: Labels; sourceNamespace?: string; gateways?: string[] }
}

export interface HeaderMatch {
  /** Lower-case header name. */
  name: string
  /** `present` matches any value; absent value with `invert` is Istio's withoutHeaders. */
  match: StringMatch | { kind: 'present' }
  invert?: boolean
}

export interface QueryParamMatch {
  name: string
  match: StringMatch | { kind: 'present' }
}

export type RouteAction =
  | ForwardAction
  | { kind: 'redirect'; redirect: Redirect }
  | { kind: 'directResponse'; status: number; body?: string }

export interface ForwardAction {
  kind: 'forward'
  /** Weighted destinations; weights are relative (Envoy divides by their sum). */
  clusters: WeightedCluster[]
  /** Route timeout; 0 = disabled (Istio's default when the VirtualService sets none). */
  timeoutMs: number
  retryPolicy?: RetryPolicy
  mirrors: Mirror[]
  rewrite?: Rewrite
  /** Consistent-hash key from the destination's DestinationRule loadBalancer.consistentHash. */
  hashPolicy?: ConsistentHash
}

export interface WeightedCluster {
  cluster: string
  weight: number
  host: string
  port: number
  subset?: string
  headers?: HeaderOperations
}

export interface Redirect {
  uri?: string
  authority?: string
  port?: number
  scheme?: string
  /** 301 unless the VirtualService gives redirectCode. */
  responseCode: number
}

export interface Rewrite {
  uri?: string
  authority?: string
  uriRegex?: { match: string; rewrite: string }
}

export interface HeaderOperations {
  request?: HeaderOps
  response?: HeaderOps
}

export interface HeaderOps {
  set?: Record<string, string>
  add?: Record<string, string>
  remove?: string[]
}

/** Istio HTTPFaultInjection; percentages are 0-100 (100 when the VirtualService gives none). */
export interface FaultInjection {
  delay?: { fixedDelayMs: number; percentage: number }
  abort?: { httpStatus?: number; grpcStatus?: string; percentage: number }
}

/** Envoy retry policy as Istio fills it (Istio's default: 2 retries on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes [503]). */
export interface RetryPolicy {
  numRetries: number
  retryOn: string[]
  retriableStatusCodes: number[]
  perTryTimeoutMs?: number
  /** envoy.retry_host_predicates.previous_hosts: a retry avoids hosts already tried. */
  previousHostsPredicate: boolean
}

export interface Mirror {
  cluster: string
  host: string
  port: number
  subset?: string
  /** 0-100; 100 unless mirrorPercentage says otherwise. */
  percentage: number
}

export interface CorsPolicy {
  allowOrigins: StringMatch[]
  allowMethods: string[]
  allowHeaders: string[]
  exposeHeaders: string[]
  maxAge?: string
  allowCredentials?: boolean
}

// ---------------------------------------------------------------- clusters

export type ClusterType = 'EDS' | 'STATIC' | 'STRICT_DNS' | 'LOGICAL_DNS' | 'ORIGINAL_DST'

export interface Cluster {
  /** "outbound|9080|v1|reviews.default.svc.cluster.local", "inbound|9080||", "BlackHoleCluster", "PassthroughCluster". */
  name: string
  type: ClusterType
  direction?: TrafficDirection
  host?: string
  port?: number
  subset?: string
  /** Service port protocol (Istio protocol selection: appProtocol, port name prefix, or auto). */
  protocol?: Protocol
  /** MESH_EXTERNAL for ServiceEntry hosts outside the mesh, MESH_INTERNAL otherwise. */
  location?: 'MESH_INTERNAL' | 'MESH_EXTERNAL'
  destinationRule?: ConfigRef
  trafficPolicy: ClusterTrafficPolicy
  /**
   * Istio auto mTLS: no DestinationRule tls setting, so the client uses ISTIO_MUTUAL to
   * endpoints whose pods carry a sidecar (label security.istio.io/tlsMode=istio) and plaintext to the rest.
   */
  autoMtls: boolean
  /** Whether the cluster's endpoints run sidecars: with autoMtls, `all` means every connection is mTLS. */
  sidecarEndpoints: 'all' | 'some' | 'none'
}

export type Protocol = 'HTTP' | 'HTTP2' | 'GRPC' | 'HTTPS' | 'TLS' | 'TCP' | 'UNKNOWN'

/** A DestinationRule's trafficPolicy after subset and port-level merging, with Istio's defaults filled. */
export interface ClusterTrafficPolicy {
  loadBalancer: LoadBalancer
  connectionPool: ConnectionPool
  outlierDetection?: OutlierDetection
  tls?: ClientTls
}

export type LoadBalancer =
  | { kind: 'simple'; simple: 'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM' | 'PASSTHROUGH' | 'UNSPECIFIED' | 'LEAST_CONN' }
  | { kind: 'consistentHash'; hash: ConsistentHash }

export type ConsistentHash =
  | { kind: 'header'; name: string }
  | { kind: 'cookie'; name: string; ttlMs?: number; path?: string }
  | { kind: 'sourceIp' }
  | { kind: 'queryParameter'; name: string }

/** DestinationRule connectionPool; undefined fields are unlimited (Istio sets Envoy's thresholds to 2^32-1). */
export interface ConnectionPool {
  maxConnections?: number
  connectTimeoutMs: number
  http1MaxPendingRequests?: number
  http2MaxRequests?: number
  maxRequestsPerConnection?: number
  maxRetries?: number
  idleTimeoutMs?: number
}

/** DestinationRule outlierDetection with Istio's defaults (interval 10s, baseEjectionTime 30s, maxEjectionPercent 10). */
export interface OutlierDetection {
  consecutive5xxErrors?: number
  consecutiveGatewayErrors?: number
  consecutiveLocalOriginFailures?: number
  intervalMs: number
  baseEjectionTimeMs: number
  maxEjectionPercent: number
  minHealthPercent: number
}

export interface ClientTls {
  mode: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL'
  sni?: string
  credentialName?: string
  insecureSkipVerify?: boolean
}

// ---------------------------------------------------------------- endpoints

export interface LbEndpoint {
  address: string
  port: number
  /** Ready addresses are HEALTHY; notReadyAddresses are UNHEALTHY (Envoy skips them). */
  health: 'HEALTHY' | 'UNHEALTHY'
  labels: Labels
  locality: { region: string; zone: string; subzone: string }
  /** The pod behind the address, when it is one. */
  pod?: { name: string; namespace: string }
  /** The pod runs an istio-proxy (auto mTLS sends ISTIO_MUTUAL only to these). */
  sidecar: boolean
  /** A DNS name instead of an IP (ServiceEntry resolution DNS). */
  hostname?: string
  serviceAccount?: string
}
