// Span tags: the tags an Istio sidecar or gateway puts on the span of one hop, and Istio's span naming.
//
// What Jaeger/Zipkin show for Istio proxy spans: Envoy's HTTP tracer tags
// (component, node_id, guid:x-request-id, http.url, http.method, http.protocol,
// user_agent, request_size, downstream_cluster, peer.address, http.status_code,
// response_size, response_flags, upstream_cluster, upstream_cluster.name, and
// error=true for 5xx or no response) plus Istio's custom tags istio.mesh_id,
// istio.canonical_service, istio.canonical_revision and istio.namespace. The
// span's service is <app>.<namespace> and its operation is the route
// decorator <host>:<port>/* that Istio sets on every route.

export interface SpanTagInput {
  /** sidecar~10.44.1.23~sleep-5d6f7c8b9-abcde.default~default.svc.cluster.local */
  readonly nodeId: string
  readonly requestId: string
  /** Full URL as Envoy records it, e.g. http://httpbin:8000/status/418. */
  readonly url: string
  readonly method: string
  /** HTTP/1.1 or HTTP/2. */
  readonly protocol: string
  readonly userAgent?: string
  readonly requestSize: number
  readonly responseSize: number
  /** 0 when no response was received. */
  readonly statusCode: number
  readonly responseFlags?: readonly string[]
  /** ip:port of the downstream peer. */
  readonly peerAddress: string
  readonly upstreamCluster?: string
  readonly canonicalService: string
  readonly canonicalRevision: string
  readonly namespace: string
  /** meshConfig.defaultConfig.meshId; "cluster.local" by default. */
  readonly meshId?: string
}

/** The tag set of one proxy span. */
export function proxySpanTags(i: SpanTagInput): Record<string, string> {
  const tags: Record<string, string> = {
    component: 'proxy',
    node_id: i.nodeId,
    'guid:x-request-id': i.requestId,
    'http.url': i.url,
    'http.method': i.method,
    'http.protocol': i.protocol,
    user_agent: i.userAgent ?? '-',
    request_size: String(i.requestSize),
    downstream_cluster: '-',
    'peer.address': i.peerAddress,
    'http.status_code': String(i.statusCode),
    response_size: String(i.responseSize),
    response_flags: i.responseFlags && i.responseFlags.length ? i.responseFlags.join(',') : '-',
    'istio.mesh_id': i.meshId ?? 'cluster.local',
    'istio.canonical_service': i.canonicalService,
    'istio.canonical_revision': i.canonicalRevision,
    'istio.namespace': i.namespace,
  }
  if (i.upstreamCluster) {
    tags.upstream_cluster = i.upstreamCluster
    tags['upstream_cluster.name'] = i.upstreamCluster
  }
  if (i.statusCode === 0 || i.statusCode >= 500) tags.error = 'true'
  return tags
}

/** The Zipkin service name Istio gives a proxy: <app or workload>.<namespace>. */
export function spanServiceName(app: string, namespace: string): string {
  return `${app}.${namespace}`
}

/** Istio's route decorator, used as the span's operation name: <host>:<port>/*. */
export function spanOperationName(host: string, port: number): string {
  return `${host}:${port}/*`
}
