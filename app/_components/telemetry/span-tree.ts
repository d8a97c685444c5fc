// A trace's spans in waterfall order: depth-first from the root, children by start time, each with its depth and bar position.
//
// Jaeger's trace view: one row per span, indented under its parent, the bar
// placed on the trace's time axis. A span whose parent is missing is shown as
// another root rather than dropped; cycles (never expected) cannot loop.
import type { TraceSpanView, TraceView } from '@/lab-engine/drivers/cluster-driver'

export interface WaterfallRow {
  readonly span: TraceSpanView
  readonly depth: number
  /** Bar start and width as shares of the trace's duration (0..1). */
  readonly left: number
  readonly width: number
  /** The span reported an error (5xx or no response). */
  readonly error: boolean
  readonly statusCode: string
}

/** Narrowest bar drawn, as a share of the trace: a 0 ms span stays visible. */
export const MIN_BAR_WIDTH = 0.004

/** Spans depth-first, children after their parent ordered by start (client before server at equal times). */
export function orderSpans(spans: readonly TraceSpanView[]): { span: TraceSpanView; depth: number }[] {
  const ids = new Set(spans.map((s) => s.spanId))
  const children = new Map<string | undefined, TraceSpanView[]>()
  for (const s of spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : undefined
    const list = children.get(parent) ?? []
    list.push(s)
    children.set(parent, list)
  }
  const byStart = (a: TraceSpanView, b: TraceSpanView) => a.startOffsetMs - b.startOffsetMs || (a.kind === b.kind ? 0 : a.kind === 'client' ? -1 : 1)
  const out: { span: TraceSpanView; depth: number }[] = []
  const seen = new Set<string>()
  const visit = (s: TraceSpanView, depth: number) => {
    if (seen.has(s.spanId)) return
    seen.add(s.spanId)
    out.push({ span: s, depth })
    for (const c of [...(children.get(s.spanId) ?? [])].sort(byStart)) visit(c, depth + 1)
  }
  for (const root of [...(children.get(undefined) ?? [])].sort(byStart)) visit(root, 0)
  // Anything left sits in a parent cycle: show it flat rather than lose it.
  for (const s of spans) visit(s, 0)
  return out
}

export function waterfallRows(trace: TraceView): WaterfallRow[] {
  const total = trace.durationMs > 0 ? trace.durationMs : 1
  return orderSpans(trace.spans).map(({ span, depth }) => {
    const left = Math.min(1, Math.max(0, span.startOffsetMs / total))
    const width = Math.min(1 - left, Math.max(MIN_BAR_WIDTH, span.durationMs / total))
    return { span, depth, left, width, error: span.tags.error === 'true', statusCode: span.tags['http.status_code'] ?? '' }
  })
}

/** The app a span's service names: `reviews.default` -> reviews. */
export function shortService(service: string): string {
  return service.split('.')[0] || service
}
