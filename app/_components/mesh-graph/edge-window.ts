// EdgeWindow: the last few seconds of `edges` samples per source -> destination, as the rates, error share and p99 the graph prints.
//
// Kiali's graph shows traffic over a recent interval; here the interval is the last
// WINDOW_MS of samples by their arrival time in the browser, so an idle mesh fades
// out even though the server sends nothing while no requests flow. A merged window's
// p99 cannot be recomputed from per-second p99s; the worst second's p99 is shown.
import type { EdgeSample } from '@/lab-engine/telemetry/edge-stats'

/** How far back the graph's numbers look. */
export const WINDOW_MS = 10_000
/** Samples kept at most (a busy mesh sends one per edge per second). */
export const MAX_SAMPLES = 5_000

export interface EdgeStats {
  readonly from: string
  readonly to: string
  readonly requests: number
  /** Requests per second over the part of the window that has data. */
  readonly rps: number
  /** 5xx and no-response share, 0-100. */
  readonly errorPercent: number
  readonly errors: number
  readonly p99Ms: number
  /** Share of requests over Istio mutual TLS, 0-1. */
  readonly mtlsRatio: number
}

interface Received {
  readonly at: number
  readonly sample: EdgeSample
}

export class EdgeWindow {
  private samples: Received[] = []
  private firstAt: number | undefined

  constructor(private readonly windowMs = WINDOW_MS) {}

  /** Adds one `edges` event's samples, received at `now` (ms, any monotonic clock). */
  add(samples: readonly EdgeSample[], now: number): void {
    this.firstAt ??= now
    for (const sample of samples) this.samples.push({ at: now, sample })
    if (this.samples.length > MAX_SAMPLES) this.samples = this.samples.slice(-MAX_SAMPLES)
  }

  /** Drops what fell out of the window; returns whether anything was dropped. */
  prune(now: number): boolean {
    const keep = this.samples.filter((r) => r.at > now - this.windowMs)
    const changed = keep.length !== this.samples.length
    this.samples = keep
    if (keep.length === 0) this.firstAt = undefined
    return changed
  }

  /** Per-edge figures over the window ending at `now`, keyed "from -> to". */
  stats(now: number): Map<string, EdgeStats> {
    this.prune(now)
    const spanS = Math.max(1, Math.min(this.windowMs, now - (this.firstAt ?? now) + 1000) / 1000)
    const acc = new Map<string, { from: string; to: string; requests: number; errors: number; mtls: number; p99: number }>()
    for (const { sample: s } of this.samples) {
      const key = edgeKey(s.from, s.to)
      const a = acc.get(key) ?? { from: s.from, to: s.to, requests: 0, errors: 0, mtls: 0, p99: 0 }
      a.requests += s.requests
      a.errors += s.errors
      a.mtls += s.mtlsRatio * s.requests
      a.p99 = Math.max(a.p99, s.p99Ms)
      acc.set(key, a)
    }
    const out = new Map<string, EdgeStats>()
    for (const [key, a] of acc) {
      out.set(key, {
        from: a.from, to: a.to, requests: a.requests, errors: a.errors, p99Ms: a.p99,
        rps: round1(a.requests / spanS),
        errorPercent: a.requests > 0 ? round1((a.errors / a.requests) * 100) : 0,
        mtlsRatio: a.requests > 0 ? a.mtls / a.requests : 0,
      })
    }
    return out
  }
}

export function edgeKey(from: string, to: string): string {
  return `${from} -> ${to}`
}

function round1(n: number): number {
  return Math.round(n * 10) / 10
}

/** "3.2 rps · 0% · p99 12ms", the figures Kiali prints on an edge. */
export function trafficLabel(s: Pick<EdgeStats, 'rps' | 'errorPercent' | 'p99Ms'>): string {
  const p99 = s.p99Ms >= 1000 ? `${round1(s.p99Ms / 1000)}s` : `${Math.round(s.p99Ms)}ms`
  return `${s.rps} rps · ${s.errorPercent}% · p99 ${p99}`
}
