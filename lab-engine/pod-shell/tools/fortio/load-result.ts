// A finished `fortio load` run as data: what fortio's JSON result (`-json`, the UI's "Results") holds, for the workbench's histogram.
//
// Follows fortio's fhttp.HTTPRunnerResults / periodic.RunnerResults JSON: URL,
// StartTime, ActualDuration, RequestedQPS ("max" or a number), ActualQPS,
// NumThreads, DurationHistogram { Count, Min, Max, Sum, Avg, StdDev, Data[],
// Percentiles[] } and RetCodes (-1 counts socket errors). Durations here are in
// milliseconds (fortio's are seconds) because every chart in the workbench is.
// The last run per session is kept in a WeakMap keyed by the session's object
// store (as pod-shell/network.ts keeps the transport), so the grader's copy of a
// session and other sessions never see it; it is not part of the snapshot.

import { Histogram } from './histogram'
import type { FortioClient } from './client'
import type { ThreadStats } from './runner'

export interface LoadTestBucket {
  readonly startMs: number
  readonly endMs: number
  /** Cumulative percentage of calls up to this bucket's end. */
  readonly percent: number
  readonly count: number
}

export interface LoadTestResult {
  readonly url: string
  /** Session clock, epoch ms, when the calls began (after warmup). */
  readonly startMs: number
  readonly elapsedMs: number
  /** The -qps asked for: 'max' for 0 or negative, as fortio's RequestedQPS. */
  readonly requestedQps: number | 'max'
  readonly actualQps: number
  readonly threads: number
  readonly calls: number
  readonly minMs: number
  readonly avgMs: number
  readonly maxMs: number
  readonly stdDevMs: number
  readonly buckets: readonly LoadTestBucket[]
  /** The -p percentiles (50, 75, 90, 99, 99.9 by default) and always 50, 90 and 99. */
  readonly percentiles: readonly { readonly percentile: number; readonly ms: number }[]
  /** HTTP status -> calls; -1 for socket errors. */
  readonly codes: Readonly<Record<string, number>>
}

export interface LoadResultInput {
  url: string
  startMs: number
  elapsedMs: number
  qps: number
  stats: readonly ThreadStats[]
  clients: readonly FortioClient[]
  /** Threads that actually ran (fortio may lower -c). */
  threads: number
  percentiles: readonly number[]
  offset: number
  resolution: number
}

/** Charts mark these whatever -p said. */
const ALWAYS = [50, 90, 99]

export function loadResult(i: LoadResultInput): LoadTestResult {
  const h = new Histogram(i.offset, i.resolution)
  for (const t of i.stats) h.add(t.durations)
  const data = h.buckets()
  const ms = (s: number) => round(s * 1000)
  const codes: Record<string, number> = {}
  for (const c of i.clients.slice(0, i.threads)) for (const [code, n] of c.retCodes) codes[code] = (codes[code] ?? 0) + n
  const wanted = [...new Set([...i.percentiles, ...ALWAYS])].sort((a, b) => a - b)
  return {
    url: i.url, startMs: i.startMs, elapsedMs: i.elapsedMs,
    requestedQps: i.qps <= 0 ? 'max' : i.qps,
    actualQps: i.elapsedMs > 0 ? round(h.count / (i.elapsedMs / 1000)) : 0,
    threads: i.threads, calls: h.count,
    minMs: ms(h.min), avgMs: ms(h.avg()), maxMs: ms(h.max), stdDevMs: ms(h.stdDev()),
    buckets: data.map((b) => ({ startMs: ms(b.start), endMs: ms(b.end), percent: round(b.percent), count: b.count })),
    percentiles: h.count === 0 ? [] : wanted.map((p) => ({ percentile: p, ms: ms(h.percentile(p, data)) })),
    codes,
  }
}

/** Six significant decimals are plenty for a chart and keep the JSON short. */
function round(v: number): number {
  return Math.round(v * 1e6) / 1e6
}

const lastRuns = new WeakMap<object, LoadTestResult>()

/** Keeps `result` as the session's last run; `session` is any object that lives as long as the session (its store). */
export function recordLoadTest(session: object, result: LoadTestResult): void {
  lastRuns.set(session, result)
}

/** The session's last finished `fortio load`, or null before the first one. */
export function lastLoadTest(session: object): LoadTestResult | null {
  return lastRuns.get(session) ?? null
}
