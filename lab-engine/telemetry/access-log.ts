// Access logs: Envoy access-log lines in Istio's default TEXT format, kept per session in a ring buffer.
//
// Istio docs, tasks/observability/logs/access-log ("Default access log format"),
// used when meshConfig.accessLogFile is set and accessLogFormat is not:
//   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
//   %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS%
//   "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
//   %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
//   "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER%
//   %UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS%
//   %REQUESTED_SERVER_NAME% %ROUTE_NAME%
// on one line. Envoy docs (access_log/usage, "Format rules"): an unset value
// prints as "-"; START_TIME defaults to %Y-%m-%dT%H:%M:%E3SZ (UTC, milliseconds).

import { RingBuffer, DEFAULT_RING_CAPACITY } from './ring-buffer'

/** RESPONSE_CODE_DETAILS values Envoy writes for outcomes the sim produces. */
export const RESPONSE_CODE_DETAILS = {
  viaUpstream: 'via_upstream',
  faultAbort: 'fault_filter_abort',
  routeNotFound: 'route_not_found',
  clusterNotFound: 'cluster_not_found',
  responseTimeout: 'response_timeout',
  overflow: 'upstream_reset_before_response_started{overflow}',
  rbacDeniedNoMatch: 'rbac_access_denied_matched_policy[none]',
  directResponse: 'direct_response',
} as const

/** One request (or TCP connection) as the proxy that logs it saw it. Omitted fields print as "-". */
export interface AccessLogRecord {
  /** Simulated epoch ms when the request started. */
  readonly startMs: number
  readonly method?: string
  /** The path after any rewrite; originalPath wins when set (X-ENVOY-ORIGINAL-PATH). */
  readonly path?: string
  readonly originalPath?: string
  /** HTTP/1.1, HTTP/2; omitted for TCP. */
  readonly protocol?: string
  /** 0 when no response was sent (and for TCP). */
  readonly responseCode: number
  readonly responseFlags?: readonly string[]
  readonly responseCodeDetails?: string
  readonly connectionTerminationDetails?: string
  readonly upstreamTransportFailureReason?: string
  readonly bytesReceived: number
  readonly bytesSent: number
  readonly durationMs: number
  /** x-envoy-upstream-service-time of the response, ms. */
  readonly upstreamServiceTimeMs?: number
  readonly xForwardedFor?: string
  readonly userAgent?: string
  readonly requestId?: string
  readonly authority?: string
  /** ip:port of the upstream endpoint. */
  readonly upstreamHost?: string
  /** e.g. outbound|8000||httpbin.foo.svc.cluster.local or inbound|8000||. */
  readonly upstreamCluster?: string
  readonly upstreamLocalAddress?: string
  readonly downstreamLocalAddress?: string
  readonly downstreamRemoteAddress?: string
  /** SNI, e.g. outbound_.8000_._.httpbin.foo.svc.cluster.local on the server side of mTLS. */
  readonly requestedServerName?: string
  readonly routeName?: string
}

const dash = (v: string | number | undefined): string => (v === undefined || v === '' ? '-' : String(v))
const quoted = (v: string | undefined): string => `"${dash(v)}"`

/** START_TIME as Envoy prints it by default: ISO 8601 UTC with milliseconds. */
export function envoyStartTime(ms: number): string {
  const t = Math.trunc(ms) // what Date keeps of a fractional instant
  // Years 1970-9999: the text up to the seconds is kept per second, the milliseconds appended.
  if (!(t >= 0 && t <= MAX_FOUR_DIGIT_YEAR_MS)) return new Date(ms).toISOString()
  const second = Math.floor(t / 1000)
  if (second !== startSecond) {
    startSecond = second
    startPrefix = new Date(second * 1000).toISOString().slice(0, 20)
  }
  const milli = t - second * 1000
  return `${startPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}

/** 9999-12-31T23:59:59.999Z: past it toISOString writes a six-digit year. */
const MAX_FOUR_DIGIT_YEAR_MS = 253_402_300_799_999
let startSecond = Number.NaN
let startPrefix = ''

/** One access-log line in Istio's default TEXT format (without the trailing newline). */
export function formatAccessLog(r: AccessLogRecord): string {
  const flags = r.responseFlags && r.responseFlags.length ? r.responseFlags.join(',') : undefined
  const path = r.originalPath ?? r.path
  const serviceTime = r.upstreamServiceTimeMs === undefined ? undefined : Math.floor(r.upstreamServiceTimeMs)
  return `[${envoyStartTime(r.startMs)}] "${dash(r.method)} ${dash(path)} ${dash(r.protocol)}" ${r.responseCode} ${dash(flags)} `
    + `${dash(r.responseCodeDetails)} ${dash(r.connectionTerminationDetails)} ${quoted(r.upstreamTransportFailureReason)} `
    + `${r.bytesReceived} ${r.bytesSent} ${Math.max(0, Math.floor(r.durationMs))} ${dash(serviceTime)} `
    + `${quoted(r.xForwardedFor)} ${quoted(r.userAgent)} ${quoted(r.requestId)} ${quoted(r.authority)} ${quoted(r.upstreamHost)} `
    + `${dash(r.upstreamCluster)} ${dash(r.upstreamLocalAddress)} ${dash(r.downstreamLocalAddress)} ${dash(r.downstreamRemoteAddress)} `
    + `${dash(r.requestedServerName)} ${dash(r.routeName)}`
}

const FLATTEN = /^/

/** A logged line with the proxy (pod) that printed it. */
export interface AccessLogEntry {
  readonly namespace: string
  readonly pod: string
  readonly timeMs: number
  readonly line: string
}

/**
 * The session's access-log lines, newest kept. `kubectl logs <pod> -c istio-proxy`
 * reads linesFor(); only proxies with access logging enabled should be logged.
 */
export class AccessLogStore {
  private readonly buffer: RingBuffer<AccessLogEntry>

  constructor(capacity: number = DEFAULT_RING_CAPACITY, buffer?: RingBuffer<AccessLogEntry>) {
    this.buffer = buffer ?? new RingBuffer(capacity)
  }

  clone(): AccessLogStore {
    return new AccessLogStore(this.buffer.capacity, this.buffer.clone())
  }

  /** Formats and keeps one line for the given proxy; returns the line. */
  log(proxy: { namespace: string; pod: string }, record: AccessLogRecord, timeMs: number = record.startMs + record.durationMs): string {
    const line = formatAccessLog(record)
    // Kept lines outlive many collections: flattened once here (a regular expression needs a flat
    // string), they are one string each rather than a rope of the format's ~40 pieces.
    FLATTEN.test(line)
    this.buffer.push({ namespace: proxy.namespace, pod: proxy.pod, timeMs, line })
    return line
  }

  /** One pod's lines, oldest first. */
  linesFor(namespace: string, pod: string): string[] {
    return this.buffer.filter((e) => e.namespace === namespace && e.pod === pod).map((e) => e.line)
  }

  entries(): AccessLogEntry[] {
    return this.buffer.toArray()
  }

  get dropped(): number {
    return this.buffer.dropped
  }

  clear(): void {
    this.buffer.clear()
  }
}
