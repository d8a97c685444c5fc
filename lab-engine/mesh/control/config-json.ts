// Envoy-like JSON of compiled config, for `istioctl proxy-config <type> <pod> -o json|yaml`.
//
// Field names follow Envoy's v3 xDS JSON as istioctl prints it (camelCase protobuf
// JSON: "filterChains", "virtualHosts", "weightedClusters", "edsClusterConfig",
// "retryPolicy", "hostStatuses"), trimmed to what the sim compiles. Durations print
// like protobuf ("10s", "0.500s"). Route metadata carries the VirtualService path,
// which istioctl turns into "name.namespace".

import type { Cluster, FilterChain, LbEndpoint, Listener, Route, RouteConfiguration, StringMatch } from './types'

const HCM = 'envoy.filters.network.http_connection_manager'
const TCP_PROXY = 'envoy.filters.network.tcp_proxy'

export function duration(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`
  return `${(ms / 1000).toFixed(3)}s`
}

/** Inline route configurations (inbound, health, stats) print inside their listener, as Envoy's dump has them. */
export function listenerJson(l: Listener, routes?: ReadonlyMap<string, RouteConfiguration>): unknown {
  return {
    name: l.name,
    address: { socketAddress: { address: l.address, portValue: l.port } },
    filterChains: l.filterChains.map((c) => chainJson(c, routes)),
    ...(l.useOriginalDst ? { useOriginalDst: true } : {}),
    trafficDirection: l.trafficDirection.toUpperCase(),
  }
}

function chainJson(c: FilterChain, routes?: ReadonlyMap<string, RouteConfiguration>): unknown {
  const m = c.match
  const filterChainMatch = {
    ...(m.destinationPort !== undefined ? { destinationPort: m.destinationPort } : {}),
    ...(m.prefixRanges ? { prefixRanges: m.prefixRanges.map((r) => ({ addressPrefix: r.split('/')[0], prefixLen: Number(r.split('/')[1] ?? 32) })) } : {}),
    ...(m.serverNames ? { serverNames: m.serverNames } : {}),
    ...(m.transportProtocol ? { transportProtocol: m.transportProtocol } : {}),
    ...(m.applicationProtocols ? { applicationProtocols: m.applicationProtocols } : {}),
  }
  const d = c.destination
  const inline = d.kind === 'inlineRoute' ? routes?.get(d.routeConfigName) : undefined
  const routeSpec = inline ? { routeConfig: routeConfigJson(inline) } : d.kind === 'route' || d.kind === 'inlineRoute' ? { rds: { configSource: { ads: {}, resourceApiVersion: 'V3' }, routeConfigName: d.routeConfigName } } : {}
  const filters = d.kind === 'route' || d.kind === 'inlineRoute'
    ? [{ name: HCM, typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', statPrefix: d.kind === 'route' ? d.routeConfigName : inline?.name || 'inbound', ...routeSpec } }]
    : d.kind === 'cluster'
      ? [{ name: TCP_PROXY, typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', statPrefix: d.cluster, cluster: d.cluster } }]
      : d.kind === 'weightedClusters'
        ? [{ name: TCP_PROXY, typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', statPrefix: d.clusters[0]!.cluster, weightedClusters: { clusters: d.clusters.map((c) => ({ name: c.cluster, weight: c.weight })) } } }]
        : []
  return {
    ...(Object.keys(filterChainMatch).length ? { filterChainMatch } : {}),
    filters,
    ...(c.tls ? { transportSocket: { name: 'envoy.transport_sockets.tls', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext', istioTlsMode: c.tls.mode, ...(c.tls.credentialName ? { credentialName: c.tls.credentialName } : {}) } } } : {}),
    ...(c.name ? { name: c.name } : {}),
  }
}

function stringMatchJson(s: StringMatch): Record<string, string> {
  if (s.kind === 'regex') return { safeRegex: s.value } as Record<string, string>
  return { [s.kind]: s.value }
}

function routeJson(r: Route): unknown {
  const path = r.match.path
  const match = {
    ...(path.kind === 'prefix' ? { prefix: path.value } : path.kind === 'exact' ? { path: path.value } : { safeRegex: { regex: path.value } }),
    ...(r.match.ignoreCase ? { caseSensitive: false } : {}),
    ...(r.match.headers.length || r.match.method ? { headers: [
      ...r.match.headers.map((h) => ({ name: h.name, ...(h.match.kind === 'present' ? { presentMatch: true } : { stringMatch: stringMatchJson(h.match) }), ...(h.invert ? { invertMatch: true } : {}) })),
      ...(r.match.method ? [{ name: ':method', stringMatch: stringMatchJson(r.match.method) }] : []),
    ] } : {}),
    ...(r.match.queryParams.length ? { queryParameters: r.match.queryParams.map((q) => ({ name: q.name, ...(q.match.kind === 'present' ? { presentMatch: true } : { stringMatch: stringMatchJson(q.match) }) })) } : {}),
  }
  return {
    ...(r.name ? { name: r.name } : {}),
    match,
    ...actionJson(r),
    ...(r.origin ? { metadata: { filterMetadata: { istio: { config: `/apis/networking.istio.io/v1/namespaces/${r.origin.virtualService.namespace}/virtual-service/${r.origin.virtualService.name}` } } } } : {}),
    ...(r.fault ? { typedPerFilterConfig: { 'envoy.filters.http.fault': faultJson(r) } } : {}),
    ...(r.headers?.request?.set || r.headers?.request?.add ? { requestHeadersToAdd: Object.entries({ ...r.headers.request.add, ...r.headers.request.set }).map(([key, value]) => ({ header: { key, value } })) } : {}),
    ...(r.headers?.request?.remove ? { requestHeadersToRemove: r.headers.request.remove } : {}),
    ...(r.headers?.response?.set || r.headers?.response?.add ? { responseHeadersToAdd: Object.entries({ ...r.headers.response.add, ...r.headers.response.set }).map(([key, value]) => ({ header: { key, value } })) } : {}),
    ...(r.headers?.response?.remove ? { responseHeadersToRemove: r.headers.response.remove } : {}),
  }
}

function actionJson(r: Route): Record<string, unknown> {
  const a = r.action
  if (a.kind === 'redirect') return { redirect: { ...(a.redirect.uri ? { pathRedirect: a.redirect.uri } : {}), ...(a.redirect.authority ? { hostRedirect: a.redirect.authority } : {}), ...(a.redirect.scheme ? { schemeRedirect: a.redirect.scheme } : {}), ...(a.redirect.port ? { portRedirect: a.redirect.port } : {}), responseCode: a.redirect.responseCode === 301 ? 'MOVED_PERMANENTLY' : String(a.redirect.responseCode) } }
  if (a.kind === 'directResponse') return { directResponse: { status: a.status, ...(a.body !== undefined ? { body: { inlineString: a.body } } : {}) } }
  const target = a.clusters.length === 1 ? { cluster: a.clusters[0]!.cluster } : { weightedClusters: { clusters: a.clusters.map((c) => ({ name: c.cluster, weight: c.weight })) } }
  const retry = a.retryPolicy
  return {
    route: {
      ...target,
      timeout: duration(a.timeoutMs),
      ...(retry ? { retryPolicy: { retryOn: retry.retryOn.join(','), numRetries: retry.numRetries, ...(retry.perTryTimeoutMs !== undefined ? { perTryTimeout: duration(retry.perTryTimeoutMs) } : {}), ...(retry.previousHostsPredicate ? { retryHostPredicate: [{ name: 'envoy.retry_host_predicates.previous_hosts' }], hostSelectionRetryMaxAttempts: '5' } : {}), ...(retry.retriableStatusCodes.length ? { retriableStatusCodes: retry.retriableStatusCodes } : {}) } } : {}),
      ...(a.mirrors.length ? { requestMirrorPolicies: a.mirrors.map((m) => ({ cluster: m.cluster, runtimeFraction: { defaultValue: { numerator: Math.round(m.percentage * 10_000), denominator: 'MILLION' } } })) } : {}),
      ...(a.rewrite?.uri !== undefined ? { prefixRewrite: a.rewrite.uri } : {}),
      ...(a.rewrite?.authority ? { hostRewriteLiteral: a.rewrite.authority } : {}),
      ...(a.rewrite?.uriRegex ? { regexRewrite: { pattern: { regex: a.rewrite.uriRegex.match }, substitution: a.rewrite.uriRegex.rewrite } } : {}),
      ...(a.hashPolicy ? { hashPolicy: [a.hashPolicy] } : {}),
    },
  }
}

function faultJson(r: Route): unknown {
  const f = r.fault!
  const pct = (p: number) => ({ numerator: Math.round(p * 10_000), denominator: 'MILLION' })
  return {
    '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault',
    ...(f.delay ? { delay: { fixedDelay: duration(f.delay.fixedDelayMs), percentage: pct(f.delay.percentage) } } : {}),
    ...(f.abort ? { abort: { ...(f.abort.httpStatus !== undefined ? { httpStatus: f.abort.httpStatus } : {}), ...(f.abort.grpcStatus ? { grpcStatus: f.abort.grpcStatus } : {}), percentage: pct(f.abort.percentage) } } : {}),
  }
}

export function routeConfigJson(rc: RouteConfiguration): unknown {
  return { name: rc.name, virtualHosts: rc.virtualHosts.map((vh) => ({ name: vh.name, domains: vh.domains, routes: vh.routes.map(routeJson), includeRequestAttemptCount: true })), validateClusters: false }
}

export function clusterJson(c: Cluster): unknown {
  const tp = c.trafficPolicy
  const cp = tp.connectionPool
  const lb = tp.loadBalancer.kind === 'simple' ? tp.loadBalancer.simple : 'RING_HASH'
  return {
    name: c.name,
    type: c.type,
    ...(c.type === 'EDS' ? { edsClusterConfig: { edsConfig: { ads: {}, initialFetchTimeout: '0s', resourceApiVersion: 'V3' }, serviceName: c.name } } : {}),
    connectTimeout: duration(cp.connectTimeoutMs),
    ...(lb !== 'ROUND_ROBIN' && lb !== 'PASSTHROUGH' ? { lbPolicy: lb === 'RANDOM' ? 'RANDOM' : lb === 'RING_HASH' ? 'RING_HASH' : 'LEAST_REQUEST' } : {}),
    circuitBreakers: { thresholds: [{ maxConnections: cp.maxConnections ?? 4294967295, maxPendingRequests: cp.http1MaxPendingRequests ?? 4294967295, maxRequests: cp.http2MaxRequests ?? 4294967295, maxRetries: cp.maxRetries ?? 4294967295, trackRemaining: true }] },
    ...(tp.outlierDetection ? { outlierDetection: {
      ...(tp.outlierDetection.consecutive5xxErrors !== undefined ? { consecutive5xx: tp.outlierDetection.consecutive5xxErrors } : { enforcingConsecutive5xx: 0 }),
      ...(tp.outlierDetection.consecutiveGatewayErrors !== undefined ? { consecutiveGatewayFailure: tp.outlierDetection.consecutiveGatewayErrors, enforcingConsecutiveGatewayFailure: 100 } : {}),
      interval: duration(tp.outlierDetection.intervalMs), baseEjectionTime: duration(tp.outlierDetection.baseEjectionTimeMs),
      maxEjectionPercent: tp.outlierDetection.maxEjectionPercent,
    } } : {}),
    ...(cp.maxRequestsPerConnection !== undefined ? { typedExtensionProtocolOptions: { 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': { commonHttpProtocolOptions: { maxRequestsPerConnection: cp.maxRequestsPerConnection } } } } : {}),
    ...(tp.tls ? { transportSocket: { name: 'envoy.transport_sockets.tls', typedConfig: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext', istioTlsMode: tp.tls.mode, ...(tp.tls.sni ? { sni: tp.tls.sni } : {}) } } } : {}),
    ...(c.autoMtls && c.direction === 'outbound' ? { transportSocketMatches: [{ name: 'tlsMode-istio', match: { tlsMode: 'istio' }, transportSocket: { name: 'envoy.transport_sockets.tls' } }, { name: 'tlsMode-disabled', match: {}, transportSocket: { name: 'envoy.transport_sockets.raw_buffer' } }] } : {}),
    ...(c.destinationRule || c.host ? { metadata: { filterMetadata: { istio: {
      ...(c.destinationRule ? { config: `/apis/networking.istio.io/v1/namespaces/${c.destinationRule.namespace}/destination-rule/${c.destinationRule.name}` } : {}),
      ...(c.host ? { services: [{ host: c.host }] } : {}),
    } } } } : {}),
  }
}

/** The admin /clusters view istioctl's endpoints command prints as JSON. */
export function endpointStatusJson(cluster: string, endpoints: LbEndpoint[]): unknown {
  return {
    name: cluster,
    addedViaApi: true,
    hostStatuses: endpoints.map((e) => ({
      address: e.port === 0 ? { pipe: { path: e.address.replace(/^unix:\/\//, '') } } : { socketAddress: { address: e.hostname ?? e.address, portValue: e.port } },
      healthStatus: { edsHealthStatus: e.health },
      weight: 1,
      locality: { ...(e.locality.region ? { region: e.locality.region } : {}), ...(e.locality.zone ? { zone: e.locality.zone } : {}) },
    })),
  }
}
