// httpbin (Python) redirect, cookie and header endpoints: /redirect/n, /relative-redirect/n, /absolute-redirect/n,
// /redirect-to, /cookies, /cookies/set, /cookies/delete, /response-headers, /base64/<value>.
//
// From postmanlabs/httpbin core.py: /redirect/n chains relative redirects
// down to /get (absolute with ?absolute=true); /redirect-to sets Location to
// the url argument verbatim (status_code 3xx optional); cookie routes redirect
// to /cookies; /response-headers echoes its arguments as response headers and
// lists the final headers in the body.

import { flaskPrettyJson, type Json } from '../json-format'
import { byteLength, decodeSegment, header, parseCookies, queryParams } from '../http-util'
import type { AppContext, AppRequest, Header } from '../types'
import { groupPairs } from './request-data'

export interface FlaskOut { status: number; body: string; contentType?: string; headers?: Header[]; extraMs?: number }
export interface FlaskRoute { methods: string[]; run(req: AppRequest, ctx: AppContext, m: RegExpExecArray): FlaskOut }

/** Most redirects one /redirect/n chain may ask for. */
export const MAX_REDIRECTS = 100

/** Werkzeug 0.14's redirect() body. */
function redirectBody(location: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to target URL: <a href="${location}">${location}</a>.  If not click the link.`
}

const werkzeugRedirect = (location: string, extra: Header[] = []): FlaskOut => ({
  status: 302, body: redirectBody(location), contentType: 'text/html; charset=utf-8', headers: [['Location', location], ...extra],
})
const bare302 = (location: string): FlaskOut => ({ status: 302, body: '', contentType: 'text/html; charset=utf-8', headers: [['Location', location]] })

function origin(req: AppRequest): string {
  const proto = header(req.headers, 'x-forwarded-proto') ?? 'http'
  return `${proto}://${req.host}`
}

function count(raw: string): number | undefined {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  return n > 0 && n <= MAX_REDIRECTS ? n : undefined
}

const SERVER_ERROR: FlaskOut = {
  status: 500, contentType: 'text/html',
  body: '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.  Either the server is overloaded or there is an error in the application.</p>\n',
}

function redirectN(req: AppRequest, raw: string): FlaskOut {
  const n = count(raw)
  // `assert n > 0` failing is an unhandled error.
  if (n === undefined) return SERVER_ERROR
  const absolute = queryParams(req).find(([k]) => k === 'absolute')?.[1]?.toLowerCase() === 'true'
  if (n === 1) return werkzeugRedirect(absolute ? `${origin(req)}/get` : '/get')
  return werkzeugRedirect(absolute ? `${origin(req)}/absolute-redirect/${n - 1}` : `/relative-redirect/${n - 1}`)
}

function relativeRedirect(raw: string): FlaskOut {
  const n = count(raw)
  if (n === undefined) return SERVER_ERROR
  return bare302(n === 1 ? '/get' : `/relative-redirect/${n - 1}`)
}

function absoluteRedirect(req: AppRequest, raw: string): FlaskOut {
  const n = count(raw)
  if (n === undefined) return SERVER_ERROR
  return werkzeugRedirect(n === 1 ? `${origin(req)}/get` : `${origin(req)}/absolute-redirect/${n - 1}`)
}

function redirectTo(req: AppRequest): FlaskOut {
  const args = new Map(queryParams(req).map(([k, v]) => [k.toLowerCase(), v]))
  const url = args.get('url')
  if (url === undefined) return SERVER_ERROR
  const code = Number(args.get('status_code') ?? 302)
  return { ...bare302(url), status: code >= 300 && code < 400 ? code : 302 }
}

function cookiesSet(req: AppRequest): FlaskOut {
  const set = queryParams(req).map(([k, v]): Header => ['Set-Cookie', `${k}=${v}; Path=/`])
  return werkzeugRedirect('/cookies', set)
}

function cookiesDelete(req: AppRequest): FlaskOut {
  const del = queryParams(req).map(([k]): Header => ['Set-Cookie', `${k}=; Expires=Thu, 01-Jan-1970 00:00:00 GMT; Max-Age=0; Path=/`])
  return werkzeugRedirect('/cookies', del)
}

/** /response-headers: the body lists the final headers, so Content-Length is recomputed until it stops changing. */
function responseHeaders(req: AppRequest): FlaskOut {
  const args = groupPairs(queryParams(req))
  const extra: Header[] = [...args].flatMap(([k, vs]) => vs.map((v): Header => [k, v]))
  let body = ''
  for (let i = 0; i < 5; i++) {
    const listed: { [k: string]: Json } = { 'Content-Length': String(byteLength(body)), 'Content-Type': 'application/json' }
    for (const [k, vs] of args) listed[k] = vs.length === 1 ? vs[0]! : vs
    const next = flaskPrettyJson(listed)
    if (next === body) break
    body = next
  }
  return { status: 200, body, contentType: 'application/json', headers: extra }
}

function base64Decode(raw: string): FlaskOut {
  try {
    const text = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')
    return { status: 200, body: text, contentType: 'text/html; charset=utf-8' }
  } catch {
    return SERVER_ERROR
  }
}

const ANY = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE']

export const FLASK_REDIRECT_ROUTES: [RegExp, FlaskRoute][] = [
  [/^\/redirect\/([^/]+)$/, { methods: ['GET'], run: (req, _c, m) => redirectN(req, m[1]!) }],
  [/^\/relative-redirect\/([^/]+)$/, { methods: ['GET'], run: (_r, _c, m) => relativeRedirect(m[1]!) }],
  [/^\/absolute-redirect\/([^/]+)$/, { methods: ['GET'], run: (req, _c, m) => absoluteRedirect(req, m[1]!) }],
  [/^\/redirect-to$/, { methods: ANY, run: (req) => redirectTo(req) }],
  [/^\/cookies$/, { methods: ['GET'], run: (req) => ({ status: 200, body: flaskPrettyJson({ cookies: Object.fromEntries(parseCookies(req.headers)) }), contentType: 'application/json' }) }],
  [/^\/cookies\/set$/, { methods: ['GET'], run: (req) => cookiesSet(req) }],
  [/^\/cookies\/delete$/, { methods: ['GET'], run: (req) => cookiesDelete(req) }],
  [/^\/response-headers$/, { methods: ['GET'], run: (req) => responseHeaders(req) }],
  [/^\/base64\/([^/]+)$/, { methods: ['GET'], run: (_r, _c, m) => base64Decode(decodeSegment(m[1]!)) }],
]
