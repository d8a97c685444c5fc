// Trace spans: one span per proxy hop, and trace-context propagation through B3 and W3C headers.
//
// Istio docs, tasks/observability/distributed-tracing/overview: Envoy starts or
// continues a trace, but applications must forward the x-request-id, x-b3-* (or
// traceparent) headers for the spans of one request to join into one trace.
// B3 propagation (openzipkin/b3-propagation): X-B3-TraceId is 16 or 32 hex,
// X-B3-SpanId 16 hex, X-B3-ParentSpanId, X-B3-Sampled "1"/"0"; the single
// header `b3: {traceid}-{spanid}-{sampled}-{parentspanid}`. W3C Trace Context:
// `traceparent: 00-{32 hex trace id}-{16 hex parent id}-{2 hex flags}`, all-zero
// ids invalid. Istio configures Zipkin with 128-bit trace ids and separate
// client/server spans (shared_span_context false). Ids come from the session Rng.

import type { Rng } from '../core/rng'
import { DEFAULT_RING_CAPACITY, RingBuffer } from './ring-buffer'

export interface TraceContext {
  /** 32 lowercase hex (a 16-hex B3 id is left-padded with zeros). */
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly sampled: boolean
}

export interface Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  /** Zipkin local service name as Istio sets it: <workload app>.<namespace>, e.g. productpage.default. */
  readonly service: string
  /** Istio's route decorator: <host>:<port>/*, e.g. details.default.svc.cluster.local:9080/*. */
  readonly operation: string
  readonly kind: 'client' | 'server'
  readonly startMs: number
  readonly durationMs: number
  readonly tags: Readonly<Record<string, string>>
}

type Headers = Record<string, string>

const HEX16 = /^[0-9a-f]{16}$/
const HEX32 = /^[0-9a-f]{32}$/

/** A fresh 128-bit trace id (never all zeros). */
export function newTraceId(rng: Rng): string {
  return nonZero(() => rng.hex(32))
}

/** A fresh 64-bit span id (never all zeros). */
export function newSpanId(rng: Rng): string {
  // The same draws and digits as rng.hex(16) (int(16) is one draw mod 16: 2^32 divides evenly), without its per-digit checks.
  for (;;) {
    let id = ''
    let zero = true
    for (let i = 0; i < 16; i++) {
      const d = rng.nextUint32() & 15
      if (d !== 0) zero = false
      id += HEX_DIGITS[d]
    }
    if (!zero) {
      FLATTEN.test(id) // kept in the span store: one flat string, not the rope += builds
      return id
    }
  }
}

const FLATTEN = /^/

const HEX_DIGITS = '0123456789abcdef'

function nonZero(gen: () => string): string {
  for (;;) {
    const id = gen()
    if (/[^0]/.test(id)) return id
  }
}

/** Header lookup ignoring case, as HTTP header names are. */
function header(headers: Headers, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v
  return undefined
}

/** Reads an incoming trace context: X-B3-* first, then the single b3 header, then traceparent. */
export function extractTraceContext(headers: Headers): TraceContext | null {
  return fromB3Multi(headers) ?? fromB3Single(header(headers, 'b3')) ?? fromTraceparent(header(headers, 'traceparent'))
}

function normTraceId(id: string | undefined): string | undefined {
  const v = id?.toLowerCase()
  if (v && HEX32.test(v) && /[^0]/.test(v)) return v
  if (v && HEX16.test(v) && /[^0]/.test(v)) return v.padStart(32, '0')
  return undefined
}

function normSpanId(id: string | undefined): string | undefined {
  const v = id?.toLowerCase()
  return v && HEX16.test(v) && /[^0]/.test(v) ? v : undefined
}

function fromB3Multi(h: Headers): TraceContext | null {
  const traceId = normTraceId(header(h, 'x-b3-traceid'))
  const spanId = normSpanId(header(h, 'x-b3-spanid'))
  if (!traceId || !spanId) return null
  const parentSpanId = normSpanId(header(h, 'x-b3-parentspanid'))
  const flag = header(h, 'x-b3-sampled')
  const sampled = header(h, 'x-b3-flags') === '1' || flag === undefined || flag === '1' || flag === 'true'
  return parentSpanId ? { traceId, spanId, parentSpanId, sampled } : { traceId, spanId, sampled }
}

function fromB3Single(v: string | undefined): TraceContext | null {
  if (!v) return null
  const [t, s, flag, parent] = v.split('-')
  const traceId = normTraceId(t)
  const spanId = normSpanId(s)
  if (!traceId || !spanId) return null
  const sampled = flag === undefined || flag === '1' || flag === 'd'
  const parentSpanId = normSpanId(parent)
  return parentSpanId ? { traceId, spanId, parentSpanId, sampled } : { traceId, spanId, sampled }
}

function fromTraceparent(v: string | undefined): TraceContext | null {
  const m = v ? /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(v.trim().toLowerCase()) : null
  if (!m || m[1] === 'ff') return null
  const traceId = normTraceId(m[2])
  const spanId = normSpanId(m[3])
  if (!traceId || !spanId) return null
  return { traceId, spanId, sampled: (parseInt(m[4]!, 16) & 1) === 1 }
}

/**
 * The context for a new span under `parent` (same trace, new span id, parent
 * set), or the root of a new trace when there is none; `sampled` decides a new
 * trace's sampling (Istio's meshConfig.defaultConfig.tracing.sampling draw).
 */
export function childContext(parent: TraceContext | null, rng: Rng, sampled: boolean): TraceContext {
  if (!parent) return { traceId: newTraceId(rng), spanId: newSpanId(rng), sampled }
  return { traceId: parent.traceId, spanId: newSpanId(rng), parentSpanId: parent.spanId, sampled: parent.sampled }
}

/** Writes X-B3-* headers (the form Envoy forwards and httpbin's /headers shows). */
export function injectB3(ctx: TraceContext, headers: Headers): Headers {
  headers['x-b3-traceid'] = ctx.traceId
  headers['x-b3-spanid'] = ctx.spanId
  if (ctx.parentSpanId) headers['x-b3-parentspanid'] = ctx.parentSpanId
  else delete headers['x-b3-parentspanid']
  headers['x-b3-sampled'] = ctx.sampled ? '1' : '0'
  return headers
}

/** Writes a W3C traceparent header. */
export function injectTraceparent(ctx: TraceContext, headers: Headers): Headers {
  headers.traceparent = `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}`
  return headers
}

/** The session's spans, newest kept; a trace is every kept span with its id. */
export class SpanStore {
  private readonly buffer: RingBuffer<Span>

  constructor(capacity: number = DEFAULT_RING_CAPACITY, buffer?: RingBuffer<Span>) {
    this.buffer = buffer ?? new RingBuffer(capacity)
  }

  clone(): SpanStore {
    return new SpanStore(this.buffer.capacity, this.buffer.clone())
  }

  /** Keeps a finished span; unsampled contexts should not be recorded by the caller. */
  record(span: Span): void {
    this.buffer.push(span)
  }

  /** The spans of one trace, by start time (parents before children at equal times). */
  trace(traceId: string): Span[] {
    return this.buffer
      .filter((s) => s.traceId === traceId)
      .sort((a, b) => a.startMs - b.startMs || (a.parentSpanId === b.spanId ? 1 : b.parentSpanId === a.spanId ? -1 : 0))
  }

  /** Trace ids of the most recent traces, newest first (what a tracing UI lists). */
  recentTraceIds(limit: number): string[] {
    const ids: string[] = []
    const spans = this.buffer.toArray()
    for (let i = spans.length - 1; i >= 0 && ids.length < limit; i--) if (!ids.includes(spans[i]!.traceId)) ids.push(spans[i]!.traceId)
    return ids
  }

  all(): Span[] {
    return this.buffer.toArray()
  }

  get dropped(): number {
    return this.buffer.dropped
  }

  clear(): void {
    this.buffer.clear()
  }
}
