import { describe, expect, it } from 'vitest'
import { Rng } from '../core/rng'
import { SpanStore, childContext, extractTraceContext, injectB3, injectTraceparent, newSpanId, newTraceId, type Span } from './spans'

describe('ids', () => {
  it('are lowercase hex of the right width and replay with the seed', () => {
    const a = Rng.seeded(7)
    const b = Rng.seeded(7)
    const ta = newTraceId(a)
    expect(ta).toMatch(/^[0-9a-f]{32}$/)
    expect(newSpanId(a)).toMatch(/^[0-9a-f]{16}$/)
    expect(newTraceId(b)).toBe(ta)
    expect(newTraceId(Rng.seeded(8))).not.toBe(ta)
  })
})

describe('extractTraceContext', () => {
  const trace = '463ac35c9f6413ad48485a3953bb6124'
  it('reads X-B3-* headers in any case, padding 64-bit trace ids', () => {
    expect(extractTraceContext({ 'X-B3-TraceId': '48485a3953bb6124', 'X-B3-SpanId': 'a2fb4a1d1a96d312', 'X-B3-Sampled': '0' })).toEqual({
      traceId: '000000000000000048485a3953bb6124',
      spanId: 'a2fb4a1d1a96d312',
      sampled: false,
    })
    expect(extractTraceContext({ 'x-b3-traceid': trace, 'x-b3-spanid': 'a2fb4a1d1a96d312', 'x-b3-parentspanid': '0020000000000001' })).toEqual({
      traceId: trace,
      spanId: 'a2fb4a1d1a96d312',
      parentSpanId: '0020000000000001',
      sampled: true,
    })
  })

  it('reads the single b3 header and traceparent', () => {
    expect(extractTraceContext({ b3: `${trace}-a2fb4a1d1a96d312-1-0020000000000001` })).toEqual({
      traceId: trace,
      spanId: 'a2fb4a1d1a96d312',
      parentSpanId: '0020000000000001',
      sampled: true,
    })
    expect(extractTraceContext({ traceparent: `00-${trace}-00f067aa0ba902b7-00` })).toEqual({ traceId: trace, spanId: '00f067aa0ba902b7', sampled: false })
  })

  it('ignores malformed and all-zero ids', () => {
    expect(extractTraceContext({ 'x-b3-traceid': 'xyz', 'x-b3-spanid': 'a2fb4a1d1a96d312' })).toBeNull()
    expect(extractTraceContext({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` })).toBeNull()
    expect(extractTraceContext({ traceparent: `ff-${trace}-00f067aa0ba902b7-01` })).toBeNull()
    expect(extractTraceContext({})).toBeNull()
  })
})

describe('propagation', () => {
  it('a child keeps the trace id and points at its parent', () => {
    const rng = Rng.seeded(1)
    const root = childContext(null, rng, true)
    expect(root.parentSpanId).toBeUndefined()
    const child = childContext(root, rng, false)
    expect(child.traceId).toBe(root.traceId)
    expect(child.parentSpanId).toBe(root.spanId)
    expect(child.spanId).not.toBe(root.spanId)
    expect(child.sampled).toBe(true)
  })

  it('headers written by injectB3/injectTraceparent read back as the same context', () => {
    const rng = Rng.seeded(2)
    const ctx = childContext(childContext(null, rng, true), rng, true)
    expect(extractTraceContext(injectB3(ctx, {}))).toEqual(ctx)
    const tp = injectTraceparent(ctx, {})
    expect(tp.traceparent).toBe(`00-${ctx.traceId}-${ctx.spanId}-01`)
    expect(extractTraceContext(tp)).toEqual({ traceId: ctx.traceId, spanId: ctx.spanId, sampled: true })
  })
})

describe('SpanStore', () => {
  const span = (spanId: string, parentSpanId: string | undefined, startMs: number, traceId = 't1'): Span => ({
    traceId,
    spanId,
    parentSpanId,
    service: 'productpage.default',
    operation: 'details.default.svc.cluster.local:9080/*',
    kind: 'client',
    startMs,
    durationMs: 1,
    tags: {},
  })

  it('groups a trace, ordered by start with parents first', () => {
    const store = new SpanStore(10)
    store.record(span('b', 'a', 5))
    store.record(span('x', undefined, 1, 't2'))
    store.record(span('a', undefined, 5))
    expect(store.trace('t1').map((s) => s.spanId)).toEqual(['a', 'b'])
    expect(store.recentTraceIds(5)).toEqual(['t1', 't2'])
  })

  it('is bounded', () => {
    const store = new SpanStore(2)
    for (let i = 0; i < 5; i++) store.record(span(String(i), undefined, i))
    expect(store.all().map((s) => s.spanId)).toEqual(['3', '4'])
    expect(store.dropped).toBe(3)
  })
})
