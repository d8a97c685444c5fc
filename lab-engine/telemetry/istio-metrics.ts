// Istio standard metrics: what each sidecar or gateway records for a finished request, reporter by reporter.
//
// Istio docs, reference/config/metrics ("Istio Standard Metrics"): HTTP/gRPC
// requests give istio_requests_total (COUNTER) and istio_request_duration_milliseconds,
// istio_request_bytes, istio_response_bytes (DISTRIBUTION); TCP connections give
// istio_tcp_sent_bytes_total, istio_tcp_received_bytes_total,
// istio_tcp_connections_opened_total and istio_tcp_connections_closed_total.
// reporter is "source" for a client proxy or gateway and "destination" for a
// server proxy; missing workload facts are "unknown"; connection_security_policy
// is "unknown" at the source and mutual_tls/none at the destination.
// Buckets: Istio sets none of its own, so Envoy's defaults apply
// (envoy source/common/stats/histogram_impl.cc, HistogramSettingsImpl::defaultBuckets).

import type { Labels } from './labels'
import type { MetricRegistry } from './metrics'
import { withScrapeTarget, type ScrapeTarget } from './scrape-target'

/** Envoy's default histogram bucket bounds, used by every Istio distribution. */
export const ENVOY_DEFAULT_BUCKETS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
]

export const ISTIO_METRICS = {
  requestsTotal: 'istio_requests_total',
  requestDuration: 'istio_request_duration_milliseconds',
  requestBytes: 'istio_request_bytes',
  responseBytes: 'istio_response_bytes',
  tcpSent: 'istio_tcp_sent_bytes_total',
  tcpReceived: 'istio_tcp_received_bytes_total',
  tcpOpened: 'istio_tcp_connections_opened_total',
  tcpClosed: 'istio_tcp_connections_closed_total',
} as const

const UNKNOWN = 'unknown'

/** What Istio knows about one end of a request (from the peer metadata exchange). */
export interface WorkloadInfo {
  readonly workload: string
  readonly namespace: string
  /** The `app` label (or app.kubernetes.io/name). */
  readonly app?: string
  /** The `version` label. */
  readonly version?: string
  /** SPIFFE identity, e.g. spiffe://cluster.local/ns/default/sa/sleep. */
  readonly principal?: string
  /** service.istio.io/canonical-name, defaulting to app then workload. */
  readonly canonicalService?: string
  /** service.istio.io/canonical-revision, defaulting to version then "latest". */
  readonly canonicalRevision?: string
  /** global.multiCluster.clusterName; "Kubernetes" when unset. */
  readonly cluster?: string
}

export interface DestinationService {
  /** FQDN, e.g. httpbin.default.svc.cluster.local. */
  readonly host: string
  readonly name: string
  readonly namespace: string
}

/** One finished request (or TCP connection) as the data plane hands it to telemetry. */
export interface RequestRecord {
  /** Simulated time the request finished, epoch ms (the session Clock). */
  readonly endMs: number
  /** null: the caller is outside the mesh (no peer metadata). */
  readonly source: WorkloadInfo | null
  /** null: the server is unknown (passthrough, an external host). */
  readonly destination: WorkloadInfo | null
  readonly destinationService: DestinationService | null
  readonly protocol: 'http' | 'grpc' | 'tcp'
  /** HTTP status as the reporter saw it; 0 when no response was received. */
  readonly responseCode: number
  /** Envoy response flags (UO, UF, URX, NR, FI, DI, UT, ...); none gives "-". */
  readonly responseFlags?: readonly string[]
  /** gRPC status code, for grpc only. */
  readonly grpcStatus?: string
  /** Whether the hop used Istio mutual TLS. */
  readonly mtls: boolean
  /** Which proxies saw the request: a sidecar-less client has no source report; a local reply (circuit breaker, fault abort, no route) never reaches the destination. */
  readonly reporters: { readonly source: boolean; readonly destination: boolean }
  /** Duration seen by the client proxy, ms. */
  readonly sourceDurationMs: number
  /** Duration seen by the server proxy, ms (defaults to sourceDurationMs). */
  readonly destinationDurationMs?: number
  readonly requestBytes: number
  readonly responseBytes: number
  /** The client pod, for the labels Prometheus adds when it scrapes the source report (pod, namespace, app, ...). */
  readonly sourceTarget?: ScrapeTarget
  /** The server pod, likewise for the destination report. */
  readonly destinationTarget?: ScrapeTarget
}

const defined = new WeakSet<MetricRegistry>()

/** Declares the Istio standard metric families on a registry (idempotent). */
export function defineIstioMetrics(registry: MetricRegistry): void {
  if (defined.has(registry)) return
  defined.add(registry)
  registry.define(ISTIO_METRICS.requestsTotal, 'counter', 'Total requests handled by an Istio proxy.')
  registry.define(ISTIO_METRICS.requestDuration, 'histogram', 'Duration of requests in milliseconds.', ENVOY_DEFAULT_BUCKETS)
  registry.define(ISTIO_METRICS.requestBytes, 'histogram', 'HTTP request body sizes in bytes.', ENVOY_DEFAULT_BUCKETS)
  registry.define(ISTIO_METRICS.responseBytes, 'histogram', 'HTTP response body sizes in bytes.', ENVOY_DEFAULT_BUCKETS)
  registry.define(ISTIO_METRICS.tcpSent, 'counter', 'Bytes sent during response on TCP connections.')
  registry.define(ISTIO_METRICS.tcpReceived, 'counter', 'Bytes received during request on TCP connections.')
  registry.define(ISTIO_METRICS.tcpOpened, 'counter', 'TCP connections opened.')
  registry.define(ISTIO_METRICS.tcpClosed, 'counter', 'TCP connections closed.')
}

/** Records one HTTP/gRPC request: one sample set per reporter that saw it, as Istio does. */
export function recordRequest(registry: MetricRegistry, r: RequestRecord): void {
  defineIstioMetrics(registry)
  for (const reporter of reportersOf(r)) {
    const { labels, key } = seriesFor(r, reporter)
    const duration = reporter === 'destination' ? (r.destinationDurationMs ?? r.sourceDurationMs) : r.sourceDurationMs
    registry.inc(ISTIO_METRICS.requestsTotal, labels, r.endMs, 1, key)
    registry.observe(ISTIO_METRICS.requestDuration, labels, duration, r.endMs, key)
    registry.observe(ISTIO_METRICS.requestBytes, labels, r.requestBytes, r.endMs, key)
    registry.observe(ISTIO_METRICS.responseBytes, labels, r.responseBytes, r.endMs, key)
  }
}

/** Records a TCP connection's life: opened, bytes each way and closed (pass closed: false while it is open). */
export function recordTcpConnection(registry: MetricRegistry, r: RequestRecord & { readonly closed: boolean }): void {
  defineIstioMetrics(registry)
  for (const reporter of reportersOf(r)) {
    const { labels, key } = seriesFor({ ...r, protocol: 'tcp' }, reporter)
    registry.inc(ISTIO_METRICS.tcpOpened, labels, r.endMs, 1, key)
    registry.inc(ISTIO_METRICS.tcpReceived, labels, r.endMs, r.requestBytes, key)
    registry.inc(ISTIO_METRICS.tcpSent, labels, r.endMs, r.responseBytes, key)
    if (r.closed) registry.inc(ISTIO_METRICS.tcpClosed, labels, r.endMs, 1, key)
  }
}

/** The reporter's label set with its scrape target's labels, and its series key. */
function seriesFor(r: RequestRecord, reporter: 'source' | 'destination'): { labels: Labels; key: string } {
  const target = reporter === 'source' ? r.sourceTarget : r.destinationTarget
  const memo = seriesMemo(r, target)
  const small = smallKeyOf(r, reporter)
  let series = memo.get(small)
  if (!series) {
    const labels = istioLabels(r, reporter)
    series = withScrapeTarget(labels, istioKey(labels), target)
    if (memo.size >= MAX_SERIES_MEMO) memo.clear()
    memo.set(small, series)
  }
  return series
}

/** Everything else istioLabels() reads is a number, a flag or a short string: one small key per series. */
function smallKey(r: RequestRecord, reporter: 'source' | 'destination'): string {
  const flags = r.responseFlags && r.responseFlags.length ? r.responseFlags.join(',') : '-'
  return `${reporter}|${r.mtls ? 1 : 0}|${r.protocol}|${r.responseCode}|${flags}|${r.grpcStatus ?? ''}`
}

/**
 * The small key of a record without flags or gRPC status (nearly every request), one string
 * object per (code, reporter, mTLS, protocol): a key built afresh is hashed afresh by every lookup.
 */
function smallKeyOf(r: RequestRecord, reporter: 'source' | 'destination'): string {
  if ((r.responseFlags && r.responseFlags.length) || r.grpcStatus !== undefined || !Number.isSafeInteger(r.responseCode)) return smallKey(r, reporter)
  const n = r.responseCode * 16 + (reporter === 'source' ? 8 : 0) + (r.mtls ? 4 : 0) + PROTOCOL_BITS[r.protocol]
  let k = smallKeys.get(n)
  if (k === undefined) {
    k = smallKey(r, reporter)
    if (smallKeys.size >= MAX_SERIES_MEMO) smallKeys.clear()
    smallKeys.set(n, k)
  }
  return k
}

const PROTOCOL_BITS: Record<RequestRecord['protocol'], number> = { http: 0, grpc: 1, tcp: 2 }
const smallKeys = new Map<number, string>()

/**
 * Label sets and keys remembered per (source, destination, service, scrape target) object. The
 * bridge hands out one WorkloadInfo, DestinationService and ScrapeTarget object per pod or
 * service (store objects are replaced, not mutated), so under load each series is built once.
 */
type SeriesMemo = Map<string, { labels: Labels; key: string }>
const NONE = {}
const MAX_SERIES_MEMO = 256
const seriesMemos = new WeakMap<object, WeakMap<object, WeakMap<object, WeakMap<object, SeriesMemo>>>>()

function seriesMemo(r: RequestRecord, target: ScrapeTarget | undefined): SeriesMemo {
  const bySrc = r.source ?? NONE
  let byDst = seriesMemos.get(bySrc)
  if (!byDst) seriesMemos.set(bySrc, (byDst = new WeakMap()))
  const dst = r.destination ?? NONE
  let bySvc = byDst.get(dst)
  if (!bySvc) byDst.set(dst, (bySvc = new WeakMap()))
  const svc = r.destinationService ?? NONE
  let byTarget = bySvc.get(svc)
  if (!byTarget) bySvc.set(svc, (byTarget = new WeakMap()))
  const t = target ?? NONE
  let memo = byTarget.get(t)
  if (!memo) byTarget.set(t, (memo = new Map()))
  return memo
}

/**
 * The series key of an Istio label set. Only this module writes the Istio
 * families and istioLabels() always builds the same names in the same order,
 * so the values alone (behind a tag for the optional names) identify a series;
 * hashing a short key is the per-request hot path under heavy load.
 */
function istioKey(labels: Labels): string {
  const tag = `${labels.response_code === undefined ? 't' : 'h'}${labels.grpc_response_status === undefined ? '' : 'g'}`
  return `${tag}\u0002${Object.values(labels).join('\u0001')}`
}

function reportersOf(r: RequestRecord): ('source' | 'destination')[] {
  const out: ('source' | 'destination')[] = []
  if (r.reporters.source) out.push('source')
  if (r.reporters.destination) out.push('destination')
  return out
}

/** The standard label set for one reporter (Istio docs, "Labels"). */
export function istioLabels(r: RequestRecord, reporter: 'source' | 'destination'): Labels {
  const src = r.source
  const dst = r.destination
  const svc = r.destinationService
  // A missing app/version label reads "" (absent) on the reporter's own side and "unknown" on the peer's,
  // as Envoy's /stats/prometheus shows (destination_version="" next to source_version="unknown").
  const dstMissing = reporter === 'destination' ? '' : UNKNOWN
  const srcMissing = reporter === 'source' ? '' : UNKNOWN
  // Always the same names in name order: istioKey() relies on it, and labelsKey() then needs no sort.
  const labels: Record<string, string> = {
    connection_security_policy: reporter === 'source' ? UNKNOWN : r.mtls ? 'mutual_tls' : 'none',
    destination_app: dst ? (dst.app ?? dstMissing) : UNKNOWN,
    destination_canonical_revision: dst ? canonicalRevision(dst) : 'latest',
    destination_canonical_service: dst ? canonicalService(dst) : UNKNOWN,
    destination_cluster: dst ? (dst.cluster ?? 'Kubernetes') : UNKNOWN,
    destination_principal: r.mtls && dst?.principal ? dst.principal : UNKNOWN,
    destination_service: svc?.host ?? UNKNOWN,
    destination_service_name: svc?.name ?? UNKNOWN,
    destination_service_namespace: svc?.namespace ?? UNKNOWN,
    destination_version: dst ? (dst.version ?? dstMissing) : UNKNOWN,
    destination_workload: dst?.workload ?? UNKNOWN,
    destination_workload_namespace: dst?.namespace ?? UNKNOWN,
  }
  if (r.protocol === 'grpc' && r.grpcStatus !== undefined) labels.grpc_response_status = r.grpcStatus
  labels.reporter = reporter
  labels.request_protocol = r.protocol
  if (r.protocol !== 'tcp') labels.response_code = String(r.responseCode)
  labels.response_flags = r.responseFlags && r.responseFlags.length ? r.responseFlags.join(',') : '-'
  labels.source_app = src ? (src.app ?? srcMissing) : UNKNOWN
  labels.source_canonical_revision = src ? canonicalRevision(src) : 'latest'
  labels.source_canonical_service = src ? canonicalService(src) : UNKNOWN
  labels.source_cluster = src ? (src.cluster ?? 'Kubernetes') : UNKNOWN
  labels.source_principal = r.mtls && src?.principal ? src.principal : UNKNOWN
  labels.source_version = src ? (src.version ?? srcMissing) : UNKNOWN
  labels.source_workload = src?.workload ?? UNKNOWN
  labels.source_workload_namespace = src?.namespace ?? UNKNOWN
  return labels
}

function canonicalService(w: WorkloadInfo): string {
  return w.canonicalService ?? w.app ?? w.workload
}

function canonicalRevision(w: WorkloadInfo): string {
  return w.canonicalRevision ?? w.version ?? 'latest'
}
