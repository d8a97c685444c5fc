// Data-plane request and result types: one HTTP exchange as it crosses proxies and apps.
import type { KubeObject } from '../../cluster/types'
import type { DecisionRecorder } from '../../telemetry/decision-trace'
import type { Header } from '../apps/types'

export type { Header }

/** A request on the wire: where the client connects and what it sends. */
export interface MeshRequest {
  method: string
  /** What the client speaks end to end: https means TLS from the client (the sidecar cannot see inside). */
  scheme: 'http' | 'https'
  /** Host header (authority), as sent, possibly with a port. */
  authority: string
  /** Path and query. */
  path: string
  /** Lower-case names. */
  headers: Header[]
  body: string
  /** The address and port the client connects to (after DNS). */
  dstIp: string
  dstPort: number
  /** TLS server name the client sends (the URL's host for https), when it differs from the Host header. */
  sni?: string
  /** Not on the wire: where the proxies note their decisions for "why did this request get a 503?". */
  trace?: DecisionRecorder
}

/** Who sends: a pod (with or without a sidecar), the learner's machine on the kind network, or a gateway. */
export type Origin =
  | { kind: 'pod'; pod: KubeObject; ip: string }
  | { kind: 'host'; ip: string }

export interface MeshResponse {
  kind: 'response'
  status: number
  headers: Header[]
  body: string
  /** Envoy response flags collected on the way (UO, UF, UH, FI, DI, UT, URX, NR, ...). */
  flags: string[]
  /** The address:port that answered the client's connection. */
  remoteIp: string
  remotePort: number
  /** The connection will not be reused (connection: close, or a reset after the reply). */
  closesConnection?: boolean
  /** The server sidecar's own %RESPONSE_CODE_DETAILS% when it answered itself (RBAC or jwt_authn denials). */
  serverDetails?: string
  /**
   * The reason phrase of the server's own status line, set only when the app's line reaches
   * the client unchanged (no sidecar in between: Envoy writes the standard phrase). gunicorn
   * under Werkzeug 0.14 says `418 I'M A TEAPOT`. Absent: the standard phrase.
   */
  statusText?: string
  /** The protocol the server answered in, when it decides it (an app terminating TLS without ALPN h2 answers HTTP/1.1). */
  httpVersion?: '1.1' | '2'
}

/** No HTTP response at the client: curl's exit codes. */
export interface MeshFailure {
  kind: 'failure'
  /** 1 not HTTP ("Received HTTP/0.9 when not allowed"), 7 connect refused, 28 timeout, 35 TLS, 52 empty reply, 56 reset. */
  curlExitCode: 1 | 7 | 28 | 35 | 52 | 56
  message: string
  remoteIp?: string
}

export type MeshResult = MeshResponse | MeshFailure

// Header names on a MeshRequest are lower case already. Lower-casing never shortens a
// string, so a longer name cannot match: the length test skips most toLowerCase() calls
// on the hot path without changing which names match.
export function sameName(n: string, lower: string): boolean {
  return n.length <= lower.length && (n === lower || (firstMayMatch(n, lower) && n.toLowerCase() === lower))
}

/**
 * False when n's first character, lower-cased, cannot be lower's first: an ASCII first character
 * lower-cases to one known character. Skips most toLowerCase() calls of a header scan.
 */
export function firstMayMatch(n: string, lower: string): boolean {
  const c = n.charCodeAt(0)
  return c >= 128 || (c >= 65 && c <= 90 ? c + 32 : c) === lower.charCodeAt(0)
}

/** Lower-case names of the names seen (bounded): apps answer with the same few capitalised names, and toLowerCase makes a new string each time. */
const lowerNames = new Map<string, string>()
const MAX_LOWER_NAMES = 1024

/** A header name in lower case. */
export function lowerName(n: string): string {
  let lower = lowerNames.get(n)
  if (lower === undefined) {
    lower = n.toLowerCase()
    if (lowerNames.size < MAX_LOWER_NAMES) lowerNames.set(n, lower)
  }
  return lower
}

/** A header with its name in lower case: the pair itself when it already is (pairs are never changed in place). */
export function lowerHeader(h: Header): Header {
  const lower = lowerName(h[0])
  return lower === h[0] ? h : [lower, h[1]]
}

export function headerValue(headers: readonly Header[], name: string): string | undefined {
  const lower = name.toLowerCase()
  for (let i = 0; i < headers.length; i++) if (sameName(headers[i]![0], lower)) return headers[i]![1]
  return undefined
}

export function withHeader(headers: readonly Header[], name: string, value: string): Header[] {
  const lower = name.toLowerCase()
  const out: Header[] = []
  for (let i = 0; i < headers.length; i++) if (!sameName(headers[i]![0], lower)) out.push(headers[i]!)
  out.push([lower, value])
  return out
}

export function withoutHeader(headers: readonly Header[], name: string): Header[] {
  const lower = name.toLowerCase()
  return headers.filter(([n]) => !sameName(n, lower))
}

const hostCache = new Map<string, string>()
const MAX_HOST_CACHE = 1024

/** The authority without a port, lower-cased (Istio's sidecars strip any host port before matching domains). */
export function hostOnly(authority: string): string {
  let h = hostCache.get(authority)
  if (h !== undefined) return h
  h = stripPort(authority.toLowerCase())
  if (hostCache.size >= MAX_HOST_CACHE) hostCache.clear()
  hostCache.set(authority, h)
  return h
}

function stripPort(a: string): string {
  if (a.startsWith('[')) return a.slice(0, a.indexOf(']') + 1)
  const colon = a.lastIndexOf(':')
  return colon >= 0 && /^\d+$/.test(a.slice(colon + 1)) ? a.slice(0, colon) : a
}
