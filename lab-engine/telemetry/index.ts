// Session telemetry: one bundle per session of Istio metrics, spans, access logs, decision traces and per-proxy Envoy stats.
//
// The "Telemetry" section: every request records Istio's standard
// metrics; spans, access-log lines and decision traces go to bounded ring
// buffers (the last 1,000 of each by default) so heavy load cannot exhaust
// memory; a small PromQL subset answers labs and the UI's graph. The data plane
// calls the record*/log* entry points; everything is released by dispose().

import type { Disposable } from '../core/disposable'
import { AccessLogStore, type AccessLogRecord } from './access-log'
import type { DecisionTrace } from './decision-trace'
import { EdgeAggregator } from './edge-stats'
import { EnvoyStats, type StatsInclusion } from './envoy-stats'
import { istioExpositionFor, type ProxyIdentity } from './istio-exposition'
import { defineIstioMetrics, recordRequest, recordTcpConnection, type RequestRecord } from './istio-metrics'
import { MetricRegistry } from './metrics'
import { evaluatePromQL, queryPromQL, queryRangePromQL, type EvalOptions, type PromQueryResult, type Value } from './promql'
import { DEFAULT_RING_CAPACITY, RingBuffer } from './ring-buffer'
import { SpanStore, type Span } from './spans'

/** Proxies (sidecars and gateways) one session may hold Envoy stats for. */
export const MAX_PROXIES = 1_000

export interface TelemetryOptions {
  maxSpans?: number
  maxLogs?: number
  maxTraces?: number
  /** Prometheus scrape interval in simulated ms; 0 makes every write visible at once. Default 15 s. */
  scrapeIntervalMs?: number
  retentionMs?: number
  /** Cap on metric label sets (see MetricRegistry.droppedSamples). */
  maxSeries?: number
  /** Window of the live graph's edge aggregates, simulated ms (default 1 s). */
  edgeWindowMs?: number
}

export interface Telemetry extends Disposable {
  readonly metrics: MetricRegistry
  readonly spans: SpanStore
  readonly accessLogs: AccessLogStore
  readonly traces: RingBuffer<DecisionTrace>
  /** Per-edge aggregates for the live graph; the session flushes it each simulated second. */
  readonly edges: EdgeAggregator
  readonly isDisposed: boolean
  /** One finished HTTP/gRPC request, recorded per reporter as Istio does. */
  recordRequest(r: RequestRecord): void
  /** One TCP connection (opened, bytes, and closed when `closed`). */
  recordTcpConnection(r: RequestRecord & { readonly closed: boolean }): void
  recordSpan(span: Span): void
  recordTrace(trace: DecisionTrace): void
  /** Formats and keeps an access-log line for a proxy; returns the line. */
  logAccess(proxy: { namespace: string; pod: string }, record: AccessLogRecord): string
  /** The Envoy stats of a proxy, created on first use with Istio's stats matcher plus `extra` inclusions. */
  proxyStats(proxyId: string, extra?: Partial<StatsInclusion>): EnvoyStats
  /**
   * Serves `curl localhost:15000<path>` for a proxy (/stats, /stats?filter=..,
   * /stats/prometheus): its Envoy stats, plus on the Prometheus page the Istio
   * metrics it reported as `identity`.
   */
  proxyAdmin(proxyId: string, identity: ProxyIdentity, pathAndQuery: string): { status: number; body: string }
  /** Forgets a proxy's stats (its pod was deleted: Envoy's counters die with it). */
  removeProxy(proxyId: string): void
  /** PromQL at a simulated instant, in the Prometheus HTTP API's shape. Throws PromQLError. */
  query(promql: string, timeMs: number, opts?: EvalOptions): PromQueryResult
  /** PromQL at every step of a simulated time range (the UI's graphs), as /api/v1/query_range answers. */
  queryRange(promql: string, startMs: number, endMs: number, stepMs: number, opts?: EvalOptions): Extract<PromQueryResult, { resultType: 'matrix' }>
  /** PromQL at a simulated instant, as numbers. Throws PromQLError. */
  evaluate(promql: string, timeMs: number, opts?: EvalOptions): Value
  /**
   * An independent copy at this instant (listeners not copied), for the
   * grader's copy of the session: its probes then leave the learner's
   * metrics, logs and stats untouched (DESIGN.md, "Labs and grading").
   */
  fork(): Telemetry
  /** Called after each recordRequest (for the live graph's edge aggregates); dispose the result to stop. */
  onRequest(listener: (r: RequestRecord) => void): Disposable
}

/** The stores a Telemetry bundles; fork() copies them. */
interface Parts {
  readonly metrics: MetricRegistry
  readonly spans: SpanStore
  readonly accessLogs: AccessLogStore
  readonly traces: RingBuffer<DecisionTrace>
  readonly edges: EdgeAggregator
  readonly proxies: Map<string, EnvoyStats>
}

export function createTelemetry(opts: TelemetryOptions = {}): Telemetry {
  const metrics = new MetricRegistry({ scrapeIntervalMs: opts.scrapeIntervalMs, retentionMs: opts.retentionMs, maxSeries: opts.maxSeries })
  defineIstioMetrics(metrics)
  return assemble({
    metrics,
    spans: new SpanStore(opts.maxSpans ?? DEFAULT_RING_CAPACITY),
    accessLogs: new AccessLogStore(opts.maxLogs ?? DEFAULT_RING_CAPACITY),
    traces: new RingBuffer<DecisionTrace>(opts.maxTraces ?? DEFAULT_RING_CAPACITY),
    edges: new EdgeAggregator(opts.edgeWindowMs),
    proxies: new Map(),
  })
}

function assemble(parts: Parts): Telemetry {
  const { metrics, spans, accessLogs, traces, edges, proxies } = parts
  const listeners = new Set<(r: RequestRecord) => void>()
  let disposed = false

  const live = (): boolean => !disposed
  const requireLive = (): void => {
    if (disposed) throw new Error('telemetry was disposed with its session')
  }

  return {
    metrics,
    spans,
    accessLogs,
    traces,
    edges,
    get isDisposed() {
      return disposed
    },
    recordRequest(r) {
      if (!live()) return
      recordRequest(metrics, r)
      edges.add(r)
      // Copied first only when there is someone to call (a listener may unsubscribe while called).
      if (listeners.size > 0) for (const l of [...listeners]) l(r)
    },
    recordTcpConnection(r) {
      if (live()) recordTcpConnection(metrics, r)
    },
    recordSpan(span) {
      if (live()) spans.record(span)
    },
    recordTrace(trace) {
      if (live()) traces.push(trace)
    },
    logAccess(proxy, record) {
      requireLive()
      return accessLogs.log(proxy, record)
    },
    proxyStats(proxyId, extra) {
      requireLive()
      const found = proxies.get(proxyId)
      if (found) return found
      if (proxies.size >= MAX_PROXIES) throw new RangeError(`a session holds Envoy stats for at most ${MAX_PROXIES} proxies`)
      const created = new EnvoyStats({ extra })
      proxies.set(proxyId, created)
      return created
    },
    proxyAdmin(proxyId, identity, pathAndQuery) {
      const stats = this.proxyStats(proxyId)
      return stats.handleAdmin(pathAndQuery, (filter) => istioExpositionFor(metrics, identity, filter))
    },
    removeProxy(proxyId) {
      proxies.delete(proxyId)
    },
    query(promql, timeMs, evalOpts) {
      requireLive()
      return queryPromQL(metrics, promql, timeMs, evalOpts)
    },
    queryRange(promql, startMs, endMs, stepMs, evalOpts) {
      requireLive()
      return queryRangePromQL(metrics, promql, startMs, endMs, stepMs, evalOpts)
    },
    evaluate(promql, timeMs, evalOpts) {
      requireLive()
      return evaluatePromQL(metrics, promql, timeMs, evalOpts)
    },
    fork() {
      requireLive()
      return assemble({
        metrics: metrics.clone(),
        spans: spans.clone(),
        accessLogs: accessLogs.clone(),
        traces: traces.clone(),
        edges: edges.clone(),
        proxies: new Map([...proxies].map(([id, stats]) => [id, stats.clone()])),
      })
    },
    onRequest(listener) {
      listeners.add(listener)
      return { dispose: () => void listeners.delete(listener) }
    },
    dispose() {
      if (disposed) return
      disposed = true
      listeners.clear()
      proxies.clear()
      spans.clear()
      accessLogs.clear()
      traces.clear()
    },
  }
}

export { MetricRegistry } from './metrics'
export { EdgeAggregator, type EdgeSample } from './edge-stats'
export { RingBuffer, DEFAULT_RING_CAPACITY } from './ring-buffer'
export { AccessLogStore, formatAccessLog, RESPONSE_CODE_DETAILS, type AccessLogRecord } from './access-log'
export { EnvoyStats, ISTIO_DEFAULT_STATS_INCLUSION, type StatsInclusion, type ClusterLimits } from './envoy-stats'
export { ISTIO_METRICS, ENVOY_DEFAULT_BUCKETS, istioLabels, type RequestRecord, type WorkloadInfo, type DestinationService } from './istio-metrics'
export { scrapeTargetLabels, type ScrapeTarget } from './scrape-target'
export { istioExpositionFor, ISTIO_TAG_ORDER, type ProxyIdentity } from './istio-exposition'
export { PromQLError, queryPromQL, queryRangePromQL, evaluatePromQL, vectorValues, type PromQueryResult } from './promql'
export { proxySpanTags, spanOperationName, spanServiceName, type SpanTagInput } from './span-tags'
export { SpanStore, childContext, extractTraceContext, injectB3, injectTraceparent, newSpanId, newTraceId, type Span, type TraceContext } from './spans'
export { DecisionRecorder, explainDecisionTrace, type DecisionTrace, type DecisionStep, type DecisionOutcome } from './decision-trace'
