// Building an AppResponse: the headers every HTTP/1.1 server adds on its own (Date, Content-Length, Server) and the service time.
//
// RFC 9110 section 6.6.1: an origin server with a clock sends Date; every
// server model here does (Werkzeug, gunicorn, WEBrick, Node, Go, nginx).

import type { AppContext, AppResponse, Header } from './types'
import { byteLength, httpDate } from './http-util'
import { drawServiceTime, type ServiceTimeProfile } from './service-time'

export interface ResponseSpec {
  status: number
  body?: string
  /** Content-Type and friends, in the order the server writes them. */
  headers?: Header[]
  /** The `Server` header value, when the server sends one. */
  server?: string
  profile: ServiceTimeProfile
  /** Time on top of the drawn service time (httpbin's /delay, fortio's ?delay=), ms. */
  extraMs?: number
  /** Date right after Server (Python servers, WEBrick, Node) instead of last. */
  dateFirst?: boolean
  /** Go's net/http: the handler's headers, then Date, then the computed Content-Length. */
  dateBeforeLength?: boolean
  /** Headers the server adds after everything else (Node's Connection/Keep-Alive/Transfer-Encoding). */
  trailing?: Header[]
}

/** Adds Date, Content-Length (unless set) and Server around the given headers, and draws the service time. */
export function respond(ctx: Pick<AppContext, 'now' | 'rng'>, spec: ResponseSpec): AppResponse {
  const body = spec.body ?? ''
  const given = spec.headers ?? []
  const date: Header = ['Date', httpDate(ctx.now())]
  const headers: Header[] = []
  if (spec.server) headers.push(['Server', spec.server])
  if (spec.dateFirst) headers.push(date)
  headers.push(...given)
  if (spec.dateBeforeLength && !spec.dateFirst) headers.push(date)
  // A chunked body carries no Content-Length (RFC 9112 section 6.2).
  const trailing = spec.trailing ?? []
  if (!given.some(framing) && !trailing.some(framing)) headers.push(['Content-Length', String(byteLength(body))])
  if (!spec.dateFirst && !spec.dateBeforeLength) headers.push(date)
  headers.push(...trailing)
  const safe = headers.every(isSafeHeader) ? headers : headers.flatMap(safeHeader)
  return { status: spec.status, headers: safe, body, serviceTimeMs: drawServiceTime(spec.profile, ctx.rng) + (spec.extraMs ?? 0) }
}

/** A header that frames the body itself (Content-Length or Transfer-Encoding, any case). */
function framing([k]: Header): boolean {
  return k.length >= 14 && /^(content-length|transfer-encoding)$/i.test(k)
}

/** RFC 9110 token characters: what a header name may hold. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Headers built from request input (fortio's ?header=, httpbin's /response-headers)
 * go out as Go's net/http writes them: invalid names are skipped, CR/LF in values
 * become spaces. No app can split a response this way.
 */
function isSafeHeader([name, value]: Header): boolean {
  return tokenName(name) && value.indexOf('\r') < 0 && value.indexOf('\n') < 0
}

/** Header names checked against TOKEN once each (servers send the same few names on every response). */
const tokens = new Map<string, boolean>()

function tokenName(name: string): boolean {
  let ok = tokens.get(name)
  if (ok === undefined) {
    ok = TOKEN.test(name)
    if (tokens.size >= 1024) tokens.clear()
    tokens.set(name, ok)
  }
  return ok
}

function safeHeader([name, value]: Header): Header[] {
  return TOKEN.test(name) ? [[name, value.replace(/[\r\n]/g, ' ')]] : []
}
