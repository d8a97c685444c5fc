// The JSON document `fortio load -json` writes: fhttp.HTTPRunnerResults, marshalled as Go does.
//
// Follows fortio 1.69: periodic.RunnerResults (RunType "HTTP", Labels, StartTime, RequestedQPS
// "max" or %.9g, RequestedDuration "exactly N calls" / "5s" / "until stop" / "" for max qps
// until interrupted, plus ", interrupted after N" when -n was cut short, ActualQPS,
// ActualDuration in nanoseconds, NumThreads, Version, DurationHistogram and
// ErrorsDurationHistogram with the -p percentiles, Exactly, Jitter, Uniform, NoCatchUp, RunID,
// AccessLoggerInfo, ID), then RetCodes, IPCountMap, the embedded HTTPOptions (TLS options, URL
// with the scheme fortio assumed, NumConnections 1, HTTPReqTimeOut and Offset in nanoseconds,
// Payload base64 or null, ...), Sizes, HeaderSizes, Sockets, SocketCount, ConnectionStats and
// AbortOn. Durations inside histograms are seconds (stats.HistogramData: Count, Min, Max, Sum,
// Avg, StdDev, Data[{Start, End, Percent, Count}] or null, Percentiles omitted when empty).
// The ID is GenID's: the start date (YYYY-MM-DD-HHMMSS, UTC as in the container), then the
// labels with each run of non-alphanumerics as one "_", at most 96 bytes.

import type { FortioClient } from './client'
import { goDuration, goGPrec } from './go-format'
import { goMarshalIndent, type GoJson } from './go-json'
import { Histogram } from './histogram'
import type { Plan, RunSettings, ThreadStats } from './runner'
import { FORTIO_VERSION } from './version'

/** The HTTPOptions fields the command line sets (the rest are fortio's defaults). */
export interface HttpOptionsInput {
  url: string
  insecure: boolean
  compression: boolean
  stdClient: boolean
  http10: boolean
  h2: boolean
  keepAlive: boolean
  followRedirects: boolean
  resolve: string
  timeoutMs: number
  user: string
  contentType: string
  payload: string
  method: string
  logErrors: boolean
  sequentialWarmup: boolean
}

export interface ResultInput {
  labels: string
  /** When the runner was set up (GenID's time), epoch ms. */
  genTimeMs: number
  /** When the calls began, after warmup, epoch ms. */
  startMs: number
  elapsedMs: number
  settings: RunSettings
  plan: Plan
  stats: readonly ThreadStats[]
  /** The clients of the threads that ran. */
  clients: readonly FortioClient[]
  percentiles: readonly number[]
  http: HttpOptionsInput
}

const ID_MAX_BYTES = 96
const NS_PER_MS = 1e6

/** The result document as fortio writes it (MarshalIndent with two spaces, no final newline). */
export function resultJson(i: ResultInput): string {
  return goMarshalIndent({ ...runnerResults(i), ...httpResults(i) })
}

/** The default -labels: the URL without http(s)://, " , ", and the host name up to its first dot. */
export function defaultLabels(url: string, hostname: string): string {
  const short = url.startsWith('https://') ? url.slice(8) : url.startsWith('http://') ? url.slice(7) : url
  return `${short} , ${hostname.split('.')[0]}`
}

/** periodic.GenID with RunID 0. */
export function resultId(genTimeMs: number, labels: string): string {
  let id = formatDate(genTimeMs)
  if (labels === '') return id
  let last = '_'
  id += last
  for (const ch of labels) {
    if (/^[A-Za-z0-9]$/.test(ch)) last = ch
    else if (last === '_') continue
    else last = '_'
    id += last
  }
  if (last === '_') id = id.slice(0, -1)
  return id.length > ID_MAX_BYTES ? id.slice(0, ID_MAX_BYTES) : id
}

function runnerResults(i: ResultInput): Record<string, GoJson> {
  const s = i.settings
  const durations = merged(i.stats.map((t) => t.durations), s.offset, s.resolution)
  const errors = merged(i.stats.map((t) => t.errors), s.offset, s.resolution)
  return {
    RunType: 'HTTP', Labels: i.labels, StartTime: rfc3339Nano(i.startMs),
    RequestedQPS: s.qps <= 0 ? 'max' : goGPrec(s.qps, 9), RequestedDuration: requestedDuration(s, durations.count),
    ActualQPS: durations.count / (i.elapsedMs / 1000), ActualDuration: Math.round(i.elapsedMs * NS_PER_MS),
    NumThreads: i.plan.threads, Version: FORTIO_VERSION,
    DurationHistogram: histogramData(durations, i.percentiles), ErrorsDurationHistogram: histogramData(errors, i.percentiles),
    Exactly: s.exactly, Jitter: s.jitter, Uniform: s.uniform, NoCatchUp: s.noCatchUp, RunID: 0, AccessLoggerInfo: '',
    ID: resultId(i.genTimeMs, i.labels),
  }
}

function httpResults(i: ResultInput): Record<string, GoJson> {
  const codes = new Map<string, number>()
  const ips = new Map<string, number>()
  for (const c of i.clients) {
    for (const [code, n] of c.retCodes) codes.set(String(code), (codes.get(String(code)) ?? 0) + n)
    for (const [ip, n] of c.ipUsage) ips.set(ip, (ips.get(ip) ?? 0) + n)
  }
  const s = i.settings
  return {
    RetCodes: codes, IPCountMap: ips, ...httpOptions(i.http, s),
    Sizes: histogramData(merged(i.clients.map((c) => c.sizes), 0, 100), []),
    HeaderSizes: histogramData(merged(i.clients.map((c) => c.headerSizes), 0, 5), []),
    Sockets: i.clients.map((c) => c.sockets), SocketCount: i.clients.reduce((n, c) => n + c.sockets, 0),
    ConnectionStats: histogramData(merged(i.clients.map((c) => c.connectStats), s.offset, s.resolution), i.percentiles),
    AbortOn: s.abortOn,
  }
}

/** fhttp.HTTPOptions after Init(), in field order (TLSOptions embedded first). */
function httpOptions(h: HttpOptionsInput, s: RunSettings): Record<string, GoJson> {
  return {
    CACert: '', Cert: '', Key: '', Insecure: h.insecure, MTLS: false,
    URL: h.url, NumConnections: 1, Compression: h.compression,
    DisableFastClient: h.stdClient || h.h2 || h.followRedirects, HTTP10: h.http10, H2: h.h2,
    DisableKeepAlive: !h.keepAlive, AllowHalfClose: false, FollowRedirects: h.followRedirects, Resolve: h.resolve,
    HTTPReqTimeOut: Math.round((h.timeoutMs > 0 ? h.timeoutMs : 3000) * NS_PER_MS), UserCredentials: h.user, ContentType: h.contentType,
    Payload: h.payload === '' ? null : Buffer.from(h.payload, 'utf8').toString('base64'), MethodOverride: h.method,
    LogErrors: h.logErrors, SequentialWarmup: h.sequentialWarmup, ConnReuseRange: [0, 0], NoResolveEachConn: false,
    Offset: Math.round(s.offset * 1e9), Resolution: s.resolution,
  }
}

function requestedDuration(s: RunSettings, count: number): string {
  const useExactly = s.exactly > 0
  const hasDuration = s.durationMs > 0
  let text: string
  if (useExactly) text = `exactly ${s.exactly} calls`
  else if (hasDuration) text = goDuration(s.durationMs)
  else text = s.qps > 0 ? 'until stop' : ''
  return useExactly && count !== s.exactly ? `${text}, interrupted after ${count}` : text
}

/** stats.Histogram.Export(), then CalcPercentiles(percentiles) when there is data. */
function histogramData(h: Histogram, percentiles: readonly number[]): Record<string, GoJson | undefined> {
  const data = h.buckets()
  return {
    Count: h.count, Min: h.min, Max: h.max, Sum: h.sum, Avg: h.avg(), StdDev: h.stdDev(),
    Data: data.length === 0 ? null : data.map((b) => ({ Start: b.start, End: b.end, Percent: b.percent, Count: b.count })),
    Percentiles: h.count === 0 || percentiles.length === 0 ? undefined : percentiles.map((p) => ({ Percentile: p, Value: h.percentile(p, data) })),
  }
}

function merged(parts: readonly Histogram[], offset: number, divider: number): Histogram {
  const h = new Histogram(offset, divider)
  for (const p of parts) h.add(p)
  return h
}

/** Go's time.Time JSON (RFC 3339 with up to nanoseconds, trailing zeros dropped), in UTC. */
function rfc3339Nano(ms: number): string {
  const whole = Math.floor(ms / 1000) * 1000
  const ns = Math.round((ms - whole) * NS_PER_MS)
  const frac = ns === 0 ? '' : `.${String(ns).padStart(9, '0').replace(/0+$/, '')}`
  return `${new Date(whole).toISOString().slice(0, 19)}${frac}Z`
}

/** formatDate: 2006-01-02-150405. */
function formatDate(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`
}
