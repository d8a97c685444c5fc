// Edge statistics: per source -> destination aggregates over each simulated second, for the live mesh graph.
//
// DESIGN.md's `edges` engine event: requests, errors, p50/p99 latency and mTLS
// per edge each simulated second. Like Kiali's graph, an edge joins workloads
// (namespace/workload) and a request counts once: from the client proxy's report
// when there is one (it also sees local replies such as circuit-breaker 503s),
// else from the server's. Errors are 5xx and requests that got no response.

import type { RequestRecord } from './istio-metrics'

/** Durations kept per edge and window for percentiles; beyond it requests are counted but not timed. */
export const MAX_TIMED_PER_WINDOW = 10_000

/** Edges per window; further edges in that window are dropped and counted in droppedEdges. */
export const MAX_EDGES_PER_WINDOW = 2_000

/** Windows held before flush(); the oldest are dropped beyond this. */
export const MAX_OPEN_WINDOWS = 120

export interface EdgeSample {
  /** namespace/workload, or "unknown" for a caller outside the mesh. */
  readonly from: string
  /** namespace/workload, else the destination service host, else "unknown". */
  readonly to: string
  readonly windowStartMs: number
  readonly windowMs: number
  readonly requests: number
  /** 5xx responses and requests with no response (status 0). */
  readonly errors: number
  /** 4xx responses. */
  readonly clientErrors: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Share of the requests that used Istio mutual TLS, 0..1. */
  readonly mtlsRatio: number
}

interface Acc {
  from: string
  to: string
  requests: number
  errors: number
  clientErrors: number
  mtls: number
  durations: number[]
}

export class EdgeAggregator {
  private readonly windows = new Map<number, Map<string, Acc>>()
  private dropped = 0

  constructor(readonly windowMs = 1_000) {
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive')
  }

  /** An independent copy of the open windows. */
  clone(): EdgeAggregator {
    const c = new EdgeAggregator(this.windowMs)
    for (const [start, edges] of this.windows) {
      c.windows.set(start, new Map([...edges].map(([k, a]) => [k, { ...a, durations: [...a.durations] }])))
    }
    c.dropped = this.dropped
    return c
  }

  /** Edges not aggregated because a window already held MAX_EDGES_PER_WINDOW edges. */
  get droppedEdges(): number {
    return this.dropped
  }

  /** Adds one finished request to the window its end time falls in. */
  add(r: RequestRecord): void {
    if (!r.reporters.source && !r.reporters.destination) return
    const start = Math.floor(r.endMs / this.windowMs) * this.windowMs
    const edges = this.window(start)
    const { from, to, key } = edgeNames(r)
    let acc = edges.get(key)
    if (!acc) {
      if (edges.size >= MAX_EDGES_PER_WINDOW) return void this.dropped++
      acc = { from, to, requests: 0, errors: 0, clientErrors: 0, mtls: 0, durations: [] }
      edges.set(key, acc)
    }
    acc.requests++
    if (r.responseCode === 0 || r.responseCode >= 500) acc.errors++
    else if (r.responseCode >= 400) acc.clientErrors++
    if (r.mtls) acc.mtls++
    const duration = r.reporters.source ? r.sourceDurationMs : (r.destinationDurationMs ?? r.sourceDurationMs)
    if (acc.durations.length < MAX_TIMED_PER_WINDOW) acc.durations.push(duration)
  }

  /** Emits and forgets every window that ended at or before `nowMs`, oldest first, edges sorted. */
  flush(nowMs: number): EdgeSample[] {
    const out: EdgeSample[] = []
    for (const start of [...this.windows.keys()].sort((a, b) => a - b)) {
      if (start + this.windowMs > nowMs) break
      const edges = [...this.windows.get(start)!.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))
      for (const e of edges) out.push(this.sample(start, e))
      this.windows.delete(start)
    }
    return out
  }

  private window(start: number): Map<string, Acc> {
    let w = this.windows.get(start)
    if (!w) {
      w = new Map()
      this.windows.set(start, w)
      if (this.windows.size > MAX_OPEN_WINDOWS) this.windows.delete(Math.min(...this.windows.keys()))
    }
    return w
  }

  private sample(start: number, e: Acc): EdgeSample {
    const sorted = [...e.durations].sort((a, b) => a - b)
    return {
      from: e.from,
      to: e.to,
      windowStartMs: start,
      windowMs: this.windowMs,
      requests: e.requests,
      errors: e.errors,
      clientErrors: e.clientErrors,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      mtlsRatio: e.requests ? e.mtls / e.requests : 0,
    }
  }
}

/** Nearest-rank percentile of sorted values (0 when empty). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1]!
}

interface EdgeNames { from: string; to: string; key: string }

/**
 * An edge's names, once per (source, destination) pair of objects: the bridge hands out one
 * workload and service object per pod and service, so under load every request of an edge
 * reuses one key string (hashed once) instead of building three.
 */
function edgeNames(r: RequestRecord): EdgeNames {
  const src: object = r.source ?? NO_PEER
  const dst: object = r.destination ?? r.destinationService ?? NO_PEER
  let byDst = edgeNameMemo.get(src)
  if (!byDst) edgeNameMemo.set(src, (byDst = new WeakMap()))
  let names = byDst.get(dst)
  if (!names) {
    const from = r.source ? `${r.source.namespace}/${r.source.workload}` : 'unknown'
    const to = r.destination ? `${r.destination.namespace}/${r.destination.workload}` : (r.destinationService?.host ?? 'unknown')
    byDst.set(dst, (names = { from, to, key: `${from}\u0000${to}` }))
  }
  return names
}

const NO_PEER = {}
const edgeNameMemo = new WeakMap<object, WeakMap<object, EdgeNames>>()
