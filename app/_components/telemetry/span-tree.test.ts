// Waterfall order and bars: depth-first under parents, children by start, orphans as roots, cycles shown once.
import { describe, expect, it } from 'vitest'
import type { TraceSpanView, TraceView } from '@/lab-engine/drivers/cluster-driver'
import { MIN_BAR_WIDTH, orderSpans, shortService, waterfallRows } from './span-tree'

const span = (spanId: string, parentSpanId: string | undefined, startOffsetMs: number, durationMs: number, kind: 'client' | 'server' = 'server', tags: Record<string, string> = {}): TraceSpanView =>
  ({ spanId, ...(parentSpanId ? { parentSpanId } : {}), service: `${spanId}.default`, operation: 'x', kind, startOffsetMs, durationMs, tags })

const trace = (spans: TraceSpanView[], durationMs = 100): TraceView =>
  ({ traceId: 't', rootService: 'a', rootOperation: 'x', startMs: 0, durationMs, status: 'ok', statusCode: 200, spanCount: spans.length, spans })

describe('orderSpans', () => {
  it('walks depth-first with children by start time, client before server at the same instant', () => {
    // Stored in finish order, as a span buffer holds them.
    const spans = [span('late', 'root', 50, 10), span('srv', 'early', 5, 5, 'server'), span('early', 'root', 5, 20, 'client'), span('root', undefined, 0, 100)]
    expect(orderSpans(spans).map((r) => `${r.span.spanId}@${r.depth}`)).toEqual(['root@0', 'early@1', 'srv@2', 'late@1'])
  })

  it('shows a span whose parent is missing as another root, and a parent cycle once each', () => {
    expect(orderSpans([span('a', undefined, 0, 1), span('b', 'gone', 2, 1)]).map((r) => [r.span.spanId, r.depth])).toEqual([['a', 0], ['b', 0]])
    const cycle = orderSpans([span('x', 'y', 0, 1), span('y', 'x', 1, 1)])
    expect(cycle.map((r) => r.span.spanId).sort()).toEqual(['x', 'y'])
  })
})

describe('waterfallRows', () => {
  it('places bars as shares of the trace, keeps 0 ms spans visible and flags errors', () => {
    const rows = waterfallRows(trace([span('root', undefined, 0, 100), span('db', 'root', 40, 0, 'client', { error: 'true', 'http.status_code': '503' })]))
    expect(rows[0]).toMatchObject({ left: 0, width: 1, error: false, depth: 0 })
    expect(rows[1]).toMatchObject({ left: 0.4, width: MIN_BAR_WIDTH, error: true, statusCode: '503', depth: 1 })
  })

  it('never lets a bar run past the end', () => {
    const [, r] = waterfallRows(trace([span('root', undefined, 0, 10), span('c', 'root', 9.999, 5)], 10))
    expect(r!.left + r!.width).toBeLessThanOrEqual(1)
  })
})

describe('shortService', () => {
  it('is the app part of <app>.<namespace>', () => {
    expect(shortService('reviews.default')).toBe('reviews')
  })
})
