// App model types: what a container image does with an HTTP request once the sidecar hands it over.
//
// The data plane (mesh/data) owns routing, sidecars, timeouts and transport; an
// app sees one plain HTTP/1.1 request, as a process in the container would, and
// answers it. Calls an app makes to other services (productpage -> details) go
// back through the mesh via AppContext.upstream, so routing rules, faults and
// mTLS apply to them too.

import type { Rng } from '../../core/rng'

/** One header; request names are lowercase (Envoy lowercases them), response names keep the server's casing. */
export type Header = [name: string, value: string]

/** An HTTP request as the workload's process receives it. */
export interface AppRequest {
  method: string
  /** Path and query, always starting with "/" (e.g. `/status/418?x=1`). */
  path: string
  /** Names lowercase, in arrival order; repeated names stay separate entries. */
  headers: Header[]
  body: string
  /** What the client used end to end; with a sidecar in front the app itself sees plain text. */
  scheme: 'http' | 'https'
  /** The Host (or :authority) header, e.g. `httpbin:8000`. */
  host: string
  /** The peer address on the app's socket: 127.0.0.6 behind an Istio sidecar, the client pod's IP without one. */
  sourceIp: string
  /** The container port the connection arrived on, when the caller knows it (fortio serves HTTP and gRPC on different ports). */
  port?: number
}

/** The app's answer. */
export interface AppResponse {
  status: number
  /** As the server writes them (e.g. `Content-Type`); Envoy lowercases names when it proxies. */
  headers: Header[]
  body: string
  /**
   * The app's own processing time in ms, excluding time spent waiting on upstream calls
   * (the data plane already measured those). See service-time.ts for the model.
   */
  serviceTimeMs: number
  /**
   * Set when no HTTP response came back: `empty-reply` when the server closed the
   * connection without answering (a gRPC-only port given HTTP/1.1; curl's exit 52),
   * `not-http` when it answered with bytes that are not HTTP (a raw TCP echo; curl 8
   * refuses with exit 1, "Received HTTP/0.9 when not allowed"); `body` holds those bytes.
   */
  abort?: 'empty-reply' | 'not-http'
  /**
   * The reason phrase on the server's own status line when it is not the standard one
   * (gunicorn with Werkzeug 0.14 writes `418 I'M A TEAPOT`). Envoy writes its own line
   * when it proxies, so only callers that reach the app directly show this.
   */
  statusText?: string
}

/** A call the app makes to another service; the mesh resolves `host` from the calling pod's point of view. */
export interface UpstreamCall {
  method: string
  /** As the app's HTTP client writes it (`details`, `ratings.default.svc.cluster.local`). */
  host: string
  port: number
  path: string
  headers: Header[]
  body?: string
  scheme?: 'http' | 'https'
  /** The app's own client timeout (productpage: 3 s per call; reviews: 10 s or 2.5 s to ratings). */
  timeoutMs?: number
}

/** Why an upstream call produced no HTTP response at all. */
export interface UpstreamFailure {
  kind: 'upstream-failure'
  reason: 'resolve' | 'connect' | 'timeout' | 'reset'
  /** Free text for logs, e.g. `Connection refused`. */
  message: string
}

/** The pod the app runs in, as the container sees it (HOSTNAME is the pod name). */
export interface PodIdentity {
  name: string
  namespace: string
  labels: Readonly<Record<string, string>>
  podIp: string
  /** The container's environment (image defaults are the app model's business; these are the pod spec's). */
  env: Readonly<Record<string, string>>
  /** When the container started, epoch ms (fortio's /debug prints its uptime). */
  startedAt?: number
  /** The container's `command` and `args` from the pod spec, when set (gunicorn's --access-logfile, fortio's port flags). */
  command?: readonly string[]
  args?: readonly string[]
}

/** What the data plane gives an app for one request. */
export interface AppContext {
  /** The answer at once when nothing on the way had to wait for others (the data plane runs such calls synchronously), else a promise. */
  upstream(req: UpstreamCall): AppResponse | UpstreamFailure | Promise<AppResponse | UpstreamFailure>
  /** The session's seeded Rng: every random choice an app makes (status lists, uuids) comes from here. */
  rng: Rng
  /** Session clock, epoch ms. */
  now(): number
  pod: PodIdentity
  /** One line of the container's stdout/stderr (what `kubectl logs` shows), without the newline. */
  appendLog(line: string): void
  /**
   * Memory that lives as long as the container (ratings keeps POSTed ratings here).
   * Optional: without it an app forgets between requests.
   */
  state?: Map<string, unknown>
  /**
   * The session's metrics, for the Prometheus addon's /api/v1/query: returns the
   * API's `data` object ({ resultType, result }) at `timeMs`; throws an Error whose
   * message Prometheus would print for a bad query. Absent where nothing is collected.
   */
  prometheus?: { query(promql: string, timeMs: number): unknown }
}

/** What a raw TCP server wrote back before the client closed its side. */
export interface TcpReply {
  output: string
  serviceTimeMs: number
}

/** The behaviour of one image. */
export interface AppModel {
  /** Short name for traces and logs (`productpage`, `go-httpbin`, `fortio`, `none`). */
  name: string
  /** Ports the process really binds; a Service targetPort elsewhere gets connection refused. */
  ports: number[]
  listensOn(port: number): boolean
  /**
   * Ports where the process itself terminates TLS (nginx `listen 443 ssl`): a client
   * must handshake with the app (TLS passthrough); AppRequest.scheme is then 'https'.
   */
  tlsPorts?: number[]
  /** The response, or a promise of it (an app that answers at once keeps a lone request synchronous). */
  handle(req: AppRequest, ctx: AppContext): AppResponse | Promise<AppResponse>
  /**
   * Raw TCP servers (Istio's tcp-echo): `input` is everything the client sent before
   * closing its side (e.g. `date | nc host 9000`); the reply is what came back.
   * Absent for HTTP-only apps.
   */
  tcp?(input: string, port: number, ctx: AppContext): Promise<TcpReply>
}

export function isUpstreamFailure(r: AppResponse | UpstreamFailure): r is UpstreamFailure {
  return (r as UpstreamFailure).kind === 'upstream-failure'
}
