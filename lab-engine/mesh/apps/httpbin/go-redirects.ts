// go-httpbin redirect, cookie and header endpoints (handlers.go): /redirect/n, /relative-redirect/n,
// /absolute-redirect/n, /redirect-to, /cookies, /cookies/set, /cookies/delete, /response-headers, /base64/<data>.
//
// go-httpbin's doRedirect writes only Location and the status (no body);
// /cookies is a flat name -> value object; /response-headers adds each query
// argument as a response header and returns the arguments (plus Content-Type)
// as lists. Bad counts and status codes are 400 JSON errors.

import { goIndentJson, sortedObject, type Json } from '../json-format'
import { decodeSegment, header, httpDate, parseCookies, queryParams, reasonPhrase } from '../http-util'
import type { AppContext, AppRequest, Header } from '../types'
import { groupPairs } from './request-data'

export interface GoOut { status: number; body: string; headers: Header[]; extraMs?: number }
export interface GoRoute { methods?: string[]; run(req: AppRequest, ctx: AppContext, m: RegExpExecArray): GoOut }

export const GO_JSON = 'application/json; charset=utf-8'
export const GO_TEXT = 'text/plain; charset=utf-8'

export const goJson = (status: number, value: Json, extra: Header[] = []): GoOut => ({ status, body: goIndentJson(value), headers: [['Content-Type', GO_JSON], ...extra] })

/** writeError: the status text, and the detail when there is one. */
export const goError = (status: number, detail?: string): GoOut => goJson(status, { status_code: status, error: reasonPhrase(status), ...(detail ? { detail } : {}) })

const redirect = (location: string, status = 302): GoOut => ({ status, body: '', headers: [['Location', location]] })

function requestOrigin(req: AppRequest): string {
  const proto = header(req.headers, 'x-forwarded-proto') || 'http'
  return `${proto}://${req.host}`
}

function redirectCount(raw: string): number | GoOut {
  if (!/^[+-]?\d+$/.test(raw)) return goError(400, `invalid redirect count: strconv.Atoi: parsing "${raw}": invalid syntax`)
  const n = parseInt(raw, 10)
  return n < 1 ? goError(400, 'redirect count must be > 0') : n
}

/** handleRedirect: n-1 more hops, then /get. */
function chain(req: AppRequest, raw: string, relative: boolean): GoOut {
  const n = redirectCount(raw)
  if (typeof n !== 'number') return n
  const path = n - 1 < 1 ? '/get' : relative ? `/relative-redirect/${n - 1}` : `/absolute-redirect/${n - 1}`
  return redirect(relative ? path : `${requestOrigin(req)}${path}`)
}

function redirectTo(req: AppRequest): GoOut {
  const q = new Map(queryParams(req))
  const url = q.get('url')
  if (!url) return goError(400, 'missing required query parameter: url')
  const raw = q.get('status_code')
  if (raw === undefined) return redirect(url)
  const code = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (Number.isNaN(code)) return goError(400, `invalid status code: "${raw}": strconv.Atoi: parsing "${raw}": invalid syntax`)
  if (code < 300 || code > 399) return goError(400, `invalid status code: ${code} not in range [300, 399]`)
  return redirect(url, code)
}

function setCookies(req: AppRequest, ctx: AppContext, remove: boolean): GoOut {
  const names = [...groupPairs(queryParams(req))]
  const year = 365 * 24 * 3600 * 1000
  const cookies = names.map(([k, vs]): Header => ['Set-Cookie', remove
    ? `${k}=${vs[0]}; Expires=${httpDate(ctx.now() - year)}; Max-Age=0; HttpOnly`
    : `${k}=${vs[0]}; HttpOnly`])
  return { ...redirect('/cookies'), headers: [['Location', '/cookies'], ...cookies] }
}

function responseHeaders(req: AppRequest): GoOut {
  const args = groupPairs(queryParams(req))
  if (!args.has('Content-Type')) args.set('Content-Type', [GO_JSON])
  const headers = [...args].flatMap(([k, vs]) => vs.map((v): Header => [k, v]))
  return { status: 200, body: goIndentJson(sortedObject([...args])), headers }
}

function base64(raw: string): GoOut {
  if (!raw) return goError(400, 'no input data')
  const normal = raw.replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal) || normal.length % 4 === 1) return goError(400, 'base64 decode failed: illegal base64 data at input byte 0')
  return { status: 200, body: Buffer.from(normal, 'base64').toString('utf8'), headers: [['Content-Type', GO_TEXT]] }
}

export const GO_REDIRECT_ROUTES: [RegExp, GoRoute][] = [
  [/^\/redirect\/([^/]+)$/, { run: (req, _c, m) => chain(req, m[1]!, queryParams(req).find(([k]) => k === 'absolute')?.[1]?.toLowerCase() !== 'true') }],
  [/^\/relative-redirect\/([^/]+)$/, { run: (req, _c, m) => chain(req, m[1]!, true) }],
  [/^\/absolute-redirect\/([^/]+)$/, { run: (req, _c, m) => chain(req, m[1]!, false) }],
  [/^\/redirect-to$/, { run: (req) => redirectTo(req) }],
  [/^\/cookies$/, { run: (req) => goJson(200, Object.fromEntries(parseCookies(req.headers))) }],
  [/^\/cookies\/set$/, { run: (req, ctx) => setCookies(req, ctx, false) }],
  [/^\/cookies\/delete$/, { run: (req, ctx) => setCookies(req, ctx, true) }],
  [/^\/response-headers$/, { run: (req) => responseHeaders(req) }],
  [/^\/base64\/(?:decode\/)?([^/]*)$/, { run: (_r, _c, m) => base64(decodeSegment(m[1]!)) }],
]
