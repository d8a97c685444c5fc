// HttpTransport: the seam between curl/wget's command lines and the simulated network.
//
// curl and wget build an HttpRequest and hand it to a transport; the mesh work
// supplies one that routes through Services and sidecars. The default transport
// here resolves the host and then answers like a network where nothing listens:
// curl's exit 6 for unknown names, exit 7 (connection refused) otherwise.

import type { ShellClock } from '../../shell/clock'

export interface HttpRequest {
  method: string
  scheme: 'http' | 'https'
  host: string
  port: number
  /** Path and query, always starting with "/". */
  path: string
  headers: [string, string][]
  body?: string
  /** `--resolve host:port:addr` pins. */
  resolve: { host: string; port: number; address: string }[]
  connectTimeoutMs?: number
  maxTimeMs?: number
  /** -k: certificate checks off. */
  insecure: boolean
}

/** Where the request starts: inside a pod, or on the learner's terminal (the kind network). */
export type RequestSource =
  | { kind: 'pod'; namespace: string; podName: string; podIp: string; container: string }
  | { kind: 'host' }

/** Resolves a name from the source's point of view (pod: /etc/hosts + cluster DNS; host: IPs only). */
export type HostResolver = (name: string) => string[] | undefined

export interface TransportContext {
  source: RequestSource
  resolve: HostResolver
  clock: ShellClock
  signal: AbortSignal
}

/** Seconds from the start, as curl's -w %{time_*} variables report them. */
export interface Timings { namelookup: number; connect: number; starttransfer: number; total: number }

export interface HttpResponse {
  kind: 'response'
  httpVersion: '1.1' | '2'
  status: number
  statusText: string
  headers: [string, string][]
  body: string
  remoteIp: string
  remotePort: number
  timings: Timings
  /** Connection lines for -v, without the "* " prefix (resolution, Trying, Connected). */
  trace: string[]
}

export interface HttpFailure {
  kind: 'error'
  /** curl's exit code: 6 resolve, 7 connect, 28 timeout, 52 empty reply, 56 recv failure... */
  curlExitCode: number
  /** curl's message after `curl: (N) `. */
  message: string
  /** The resolved address, when resolution succeeded (wget's "can't connect to remote host (ip)"). */
  remoteIp?: string
  timings: Timings
  trace: string[]
}

export type HttpResult = HttpResponse | HttpFailure

export interface HttpTransport {
  send(req: HttpRequest, ctx: TransportContext): Promise<HttpResult>
  /**
   * Concurrent load (fortio load -c N): runs `body` with a sender whose requests share
   * simulated time, so clients contend for connection pools. Transports without a time
   * model leave it out and callers fall back to sequentialLoad().
   */
  load?<T>(ctx: TransportContext, body: (sender: LoadSender) => Promise<T>): Promise<T>
}

/** What a load generator gets inside HttpTransport.load: requests and time on the simulation's scheduler. */
export interface LoadSender {
  /** One request from this client; network failures come back as HttpFailure, never thrown. */
  send(req: HttpRequest): Promise<HttpResult>
  /** Runs the functions as concurrent clients and waits for all. */
  all<T>(clients: readonly (() => Promise<T>)[]): Promise<T[]>
  /** Lets simulated time pass for the calling client (qps pacing). */
  sleep(ms: number): Promise<void>
  now(): number
}

/** A LoadSender over a plain transport: clients run one after another on the shell clock. */
export function sequentialLoad(transport: HttpTransport, ctx: TransportContext): LoadSender {
  return {
    send: (req) => transport.send(req, ctx),
    all: async (clients) => { const out = []; for (const c of clients) out.push(await c()); return out },
    sleep: (ms) => ctx.clock.sleep(ms, ctx.signal),
    now: () => ctx.clock.now(),
  }
}

const ZERO: Timings = { namelookup: 0, connect: 0, starttransfer: 0, total: 0 }

/** Resolves like curl (a --resolve pin first), returning the addresses or the exit-6 failure. */
export function resolveForRequest(req: HttpRequest, ctx: TransportContext): { addresses: string[]; trace: string[] } | HttpFailure {
  const pinned = req.resolve.find((r) => r.host.toLowerCase() === req.host.toLowerCase() && r.port === req.port)
  const addresses = pinned ? [pinned.address] : ctx.resolve(req.host)
  if (!addresses?.length) {
    return { kind: 'error', curlExitCode: 6, message: `Could not resolve host: ${req.host}`, timings: ZERO, trace: [`Could not resolve host: ${req.host}`] }
  }
  const trace = pinned
    ? [`Added ${req.host}:${req.port}:${pinned.address} to DNS cache`, `Hostname ${req.host} was found in DNS cache`]
    : [`Host ${req.host}:${req.port} was resolved.`, 'IPv6: (none)', `IPv4: ${addresses.join(', ')}`]
  return { addresses, trace }
}

/**
 * curl's exit-28 failures, for transports that model a silent peer: a connect
 * that never completes (--connect-timeout, or curl's 300 s default) or a
 * transfer cut by --max-time. curl reports the elapsed milliseconds, a couple
 * past the limit; the wording is curl 8.x's.
 */
export function timeoutFailure(req: HttpRequest, phase: 'connect' | 'transfer', trace: string[], remoteIp?: string): HttpFailure {
  const DEFAULT_CONNECT_TIMEOUT_MS = 300_000
  const limit = phase === 'connect'
    ? Math.min(req.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, req.maxTimeMs ?? Infinity)
    : req.maxTimeMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const elapsed = limit + 2
  const message = phase === 'connect' && limit === (req.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS)
    ? `Connection timed out after ${elapsed} milliseconds`
    : `Operation timed out after ${elapsed} milliseconds with 0 bytes received`
  const seconds = elapsed / 1000
  return { kind: 'error', curlExitCode: 28, message, remoteIp, timings: { ...ZERO, total: seconds }, trace: [...trace, message] }
}

/** No data plane yet: every connection is refused once the name resolves. */
export const refusingTransport: HttpTransport = {
  async send(req, ctx) {
    const resolved = resolveForRequest(req, ctx)
    if ('kind' in resolved) return resolved
    const ip = resolved.addresses[0]!
    // The client end: the pod's IP, or the learner's machine on kind's docker network (its gateway address).
    const from = ctx.source.kind === 'pod' ? ctx.source.podIp : '172.18.0.1'
    const message = `Failed to connect to ${req.host} port ${req.port} after 0 ms: Couldn't connect to server`
    return {
      kind: 'error', curlExitCode: 7, message, remoteIp: ip, timings: ZERO,
      trace: [...resolved.trace, `  Trying ${ip}:${req.port}...`, `connect to ${ip} port ${req.port} from ${from} port ${ephemeralPort(req.host + ip)} failed: Connection refused`, message],
    }
  },
}

/** A client port from Linux's ephemeral range, stable per destination so transcripts repeat. */
export function ephemeralPort(seed: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193)
  return 32768 + ((h >>> 0) % (60999 - 32768))
}
