// Istio metrics on a proxy's own /stats/prometheus: the series one sidecar or gateway reported, in Envoy's exposition shape.
//
// A proxy reports reporter="source" for requests it sends and
// reporter="destination" for requests it receives, so its page holds exactly
// those series. Envoy prints them with the Istio stats filter's tag order
// (reporter, source_workload, source_canonical_service, ..., response_flags,
// connection_security_policy), empty tags as "" (destination_version=""),
// `# TYPE` before each family and a blank line after it, histogram bounds and
// sums with %.32g (envoy source/server/admin/prometheus_stats.cc).

import { escapeLabelValue, type Labels } from './labels'
import { ISTIO_METRICS } from './istio-metrics'
import type { MetricFamily, MetricRegistry } from './metrics'

/** The Istio stats filter's tag order for HTTP/gRPC metrics. */
export const ISTIO_TAG_ORDER: readonly string[] = [
  'reporter', 'source_workload', 'source_canonical_service', 'source_canonical_revision', 'source_workload_namespace',
  'source_principal', 'source_app', 'source_version', 'source_cluster', 'destination_workload', 'destination_workload_namespace',
  'destination_principal', 'destination_app', 'destination_version', 'destination_service', 'destination_canonical_service',
  'destination_canonical_revision', 'destination_service_name', 'destination_service_namespace', 'destination_cluster',
  'request_protocol', 'response_code', 'grpc_response_status', 'response_flags', 'connection_security_policy',
]

const TCP_TAGS = ISTIO_TAG_ORDER.filter((t) => t !== 'response_code' && t !== 'grpc_response_status')

const COUNTERS = [ISTIO_METRICS.requestsTotal, ISTIO_METRICS.tcpClosed, ISTIO_METRICS.tcpOpened, ISTIO_METRICS.tcpReceived, ISTIO_METRICS.tcpSent]
const HISTOGRAMS = [ISTIO_METRICS.requestBytes, ISTIO_METRICS.requestDuration, ISTIO_METRICS.responseBytes]

/** The pod's workload, as its proxy's peer metadata names it. */
export interface ProxyIdentity {
  readonly workload: string
  readonly namespace: string
  /** The pod, when reports carry scrape-target labels: then only this pod's series are its proxy's. */
  readonly pod?: string
}

/** Prometheus text for the Istio series one proxy reported: counters, then histograms (Envoy prints gauges between). */
export function istioExpositionFor(registry: MetricRegistry, proxy: ProxyIdentity, filter?: RegExp): { counters: string; histograms: string } {
  const pick = (names: readonly string[]) => names.filter((n) => !filter || filter.test(n)).map((n) => registry.family(n)).filter((f): f is MetricFamily => !!f)
  return {
    counters: pick([...COUNTERS].sort()).map((f) => family(f, proxy)).join(''),
    histograms: pick(HISTOGRAMS).map((f) => family(f, proxy)).join(''),
  }
}

function reportedBy(labels: Labels, proxy: ProxyIdentity): boolean {
  const side = labels.reporter === 'source' ? 'source' : 'destination'
  if (proxy.pod !== undefined && labels.pod !== undefined && labels.pod !== proxy.pod) return false
  return labels[`${side}_workload`] === proxy.workload && labels[`${side}_workload_namespace`] === proxy.namespace
}

function family(f: MetricFamily, proxy: ProxyIdentity): string {
  const tagNames = f.name.startsWith('istio_tcp_') ? TCP_TAGS : ISTIO_TAG_ORDER
  const rows = [...f.series.values()]
    .filter((s) => reportedBy(s.labels, proxy))
    .map((s) => ({ tags: tags(s.labels, tagNames), v: s.history.latest() }))
    .sort((a, b) => (a.tags < b.tags ? -1 : a.tags > b.tags ? 1 : 0))
  if (rows.length === 0) return ''
  const lines = rows.map((r) => (f.type === 'histogram' ? histogramLines(f, r.tags, r.v) : `${f.name}{${r.tags}} ${r.v[0]}\n`))
  return `# TYPE ${f.name} ${f.type}\n${lines.join('')}\n`
}

function tags(labels: Labels, names: readonly string[]): string {
  return names.map((n) => `${n}="${escapeLabelValue(labels[n] ?? '')}"`).join(',')
}

function histogramLines(f: MetricFamily, tagText: string, v: Float64Array): string {
  const n = f.buckets.length
  let out = ''
  let cumulative = 0
  for (let i = 0; i < n; i++) {
    cumulative += v[i]!
    out += `${f.name}_bucket{${tagText},le="${g32(f.buckets[i]!)}"} ${cumulative}\n`
  }
  out += `${f.name}_bucket{${tagText},le="+Inf"} ${v[n + 2]}\n`
  out += `${f.name}_sum{${tagText}} ${g32(v[n + 1]!)}\n`
  out += `${f.name}_count{${tagText}} ${v[n + 2]}\n`
  return out
}

/** C's %.32g for the values Envoy prints: 32 significant digits, trailing zeros dropped. */
export function g32(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v)
  const s = v.toPrecision(32)
  return s.includes('e') ? s : s.replace(/\.?0+$/, '')
}
