// The sim driver's telemetry reads for the workbench: PromQL range queries, recent traces as span trees, the last fortio run.
//
// What Grafana, Jaeger and fortio's report give in the course, answered from the
// session's own telemetry (lab-engine/telemetry) instead of the addons. A trace
// is every kept span with one trace id (the span ring buffer holds the last
// 1,000 spans, so old traces fade out, as Jaeger's in-memory storage does);
// its root is the earliest span whose parent is not among them, as Jaeger
// draws a trace whose parent span was never reported.
import { PromQLError } from '../../telemetry/promql-lexer'
import type { Span, Telemetry } from '../../telemetry'
import { DriverError, type MetricRange, type MetricResult, type TraceQuery, type TraceSpanView, type TraceView } from '../cluster-driver'

/** Traces one call may list. */
export const MAX_TRACES = 100
/** Spans of one trace returned (the rest are counted in spanCount). */
export const MAX_SPANS_PER_TRACE = 200

/** Prometheus's /api/v1/query_range on the session's metrics; bad PromQL is the caller's mistake. */
export function simQueryRange(telemetry: Telemetry, promql: string, range: MetricRange): MetricResult {
  try {
    return telemetry.queryRange(promql, range.startMs, range.endMs, range.stepMs)
  } catch (err) {
    if (err instanceof PromQLError) throw new DriverError('invalid', err.message)
    throw err
  }
}

/** The newest traces first (by their latest recorded span), optionally only those touching `q.service`. */
export function recentTraces(spans: readonly Span[], q: TraceQuery): TraceView[] {
  const limit = Math.max(0, Math.min(MAX_TRACES, Math.floor(q.limit)))
  const byTrace = new Map<string, Span[]>()
  const newestFirst: string[] = []
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!
    let list = byTrace.get(s.traceId)
    if (!list) {
      byTrace.set(s.traceId, (list = []))
      newestFirst.push(s.traceId)
    }
    list.push(s)
  }
  const out: TraceView[] = []
  for (const id of newestFirst) {
    if (out.length >= limit) break
    const list = byTrace.get(id)!
    if (q.service && !list.some((s) => touches(s, q.service!))) continue
    out.push(traceView(id, list))
  }
  return out
}

/** A span names a service by its Zipkin service (`reviews.default`) or by the host it calls (`reviews.default.svc.cluster.local`). */
function touches(span: Span, service: string): boolean {
  return span.service === service || `${span.service}.svc.cluster.local` === service || hostOf(span.operation) === service
}

/** The host of Istio's route decorator `<host>:<port>/*`. */
function hostOf(operation: string): string {
  return operation.replace(/:\d+\/\*$/, '')
}

function traceView(traceId: string, spans: Span[]): TraceView {
  const ids = new Set(spans.map((s) => s.spanId))
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs || (a.parentSpanId === b.spanId ? 1 : b.parentSpanId === a.spanId ? -1 : 0))
  const root = sorted.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId)) ?? sorted[0]!
  const startMs = sorted[0]!.startMs
  const endMs = Math.max(...sorted.map((s) => s.startMs + s.durationMs))
  const error = sorted.some((s) => s.tags.error === 'true')
  return {
    traceId,
    rootService: root.service,
    rootOperation: root.operation,
    startMs,
    durationMs: micros(endMs - startMs),
    status: error ? 'error' : 'ok',
    statusCode: Number(root.tags['http.status_code'] ?? 0),
    spanCount: sorted.length,
    spans: sorted.slice(0, MAX_SPANS_PER_TRACE).map((s) => spanView(s, startMs, ids)),
  }
}

function spanView(s: Span, traceStartMs: number, ids: ReadonlySet<string>): TraceSpanView {
  return {
    spanId: s.spanId,
    // A parent that fell out of the buffer is dropped, so every parent id names a span in the list.
    ...(s.parentSpanId && ids.has(s.parentSpanId) ? { parentSpanId: s.parentSpanId } : {}),
    service: s.service,
    operation: s.operation,
    kind: s.kind,
    startOffsetMs: micros(s.startMs - traceStartMs),
    durationMs: micros(s.durationMs),
    tags: { ...s.tags },
  }
}

/** Milliseconds to the microsecond: what a waterfall can show, and a shorter answer. */
function micros(ms: number): number {
  return Math.round(ms * 1000) / 1000
}
