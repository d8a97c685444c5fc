// httpbin, the Python original (kennethreitz/httpbin and citizenstig/httpbin images; httpbin.org): Flask under gunicorn 19.9.
//
// Shapes from postmanlabs/httpbin core.py and helpers.py: bodies are Flask 1.x
// pretty JSON (sorted keys, indent 2, ", " separators); header names are
// Werkzeug's title-cased CGI names; proxy headers (X-Forwarded-*, X-Request-Id,
// Via...) are hidden unless `?show_env` is given; `origin` is X-Forwarded-For
// as received or the peer address; /status picks among `code:weight` choices;
// /delay sleeps min(n, 10) seconds. Every answer carries httpbin's CORS headers.

import { byteLength, clfDate, decodeSegment, header, pathOnly, pythonTitle, reasonPhrase } from '../http-util'
import { gunicornAccessLogToStdout } from '../container'
import { flaskPrettyJson, type Json } from '../json-format'
import { respond } from '../respond'
import { SERVICE_TIMES, type ServiceTimeProfile } from '../service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from '../types'
import { bodyFields, MAX_DELAY_SECONDS, parseIntStrict, parseWeightedCodes, queryGroups, weightedChoice } from './request-data'
import { flaskStatusResponse } from './flask-status'
import { FLASK_REDIRECT_ROUTES, type FlaskOut, type FlaskRoute } from './flask-redirects'

const GUNICORN = 'gunicorn/19.9.0'

/** helpers.ENV_HEADERS: shown only with ?show_env. */
const ENV_HEADERS = new Set(['x-varnish', 'x-request-start', 'x-heroku-queue-depth', 'x-real-ip', 'x-forwarded-proto', 'x-forwarded-protocol',
  'x-forwarded-ssl', 'x-heroku-queue-wait-time', 'x-forwarded-for', 'x-heroku-dynos-in-use', 'x-forwarded-port', 'x-request-id', 'via',
  'total-route-time', 'connect-time'])

export interface FlaskHttpbinOptions {
  name: string
  ports: number[]
  profile?: ServiceTimeProfile
}

/** semiflatten: one value stays a string, several become a list. */
function semiflatten(groups: Map<string, string[]>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {}
  for (const [k, vs] of groups) out[k] = vs.length === 1 ? vs[0]! : vs
  return out
}

function echoedHeaders(req: AppRequest, showEnv: boolean): { [k: string]: Json } {
  const out: { [k: string]: Json } = {}
  for (const [k, v] of req.headers) {
    if (!showEnv && ENV_HEADERS.has(k.toLowerCase())) continue
    const name = pythonTitle(k)
    // A WSGI server joins repeated request headers with a comma.
    out[name] = out[name] === undefined ? v : `${out[name]},${v}`
  }
  return out
}

/** Werkzeug's request.url, with X-Forwarded-Proto's scheme (helpers.get_url). */
function requestUrl(req: AppRequest): string {
  const proto = header(req.headers, 'x-forwarded-proto') ?? header(req.headers, 'x-forwarded-protocol') ?? (header(req.headers, 'x-forwarded-ssl') === 'on' ? 'https' : 'http')
  return `${proto}://${req.host}${req.path}`
}

type Key = 'url' | 'args' | 'form' | 'data' | 'origin' | 'headers' | 'files' | 'json' | 'method'

/** helpers.get_dict. */
export function getDict(req: AppRequest, keys: readonly Key[]): { [k: string]: Json } {
  const args = queryGroups(req)
  const body = bodyFields(req, true)
  const all: Record<Key, Json> = {
    url: requestUrl(req), args: semiflatten(args), form: semiflatten(body.form), data: body.data,
    origin: header(req.headers, 'x-forwarded-for') ?? req.sourceIp, headers: echoedHeaders(req, args.has('show_env')),
    files: {}, json: body.json, method: req.method,
  }
  return Object.fromEntries(keys.map((k) => [k, all[k]]))
}

const json = (value: Json, extraMs?: number): FlaskOut => ({ status: 200, body: flaskPrettyJson(value), contentType: 'application/json', extraMs })
const ANY = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE']
const BODY_KEYS: Key[] = ['url', 'args', 'form', 'data', 'origin', 'headers', 'files', 'json']

type Route = FlaskRoute

const ROUTES: [RegExp, Route][] = [
  ...FLASK_REDIRECT_ROUTES,
  [/^\/$/, { methods: ['GET'], run: () => ({ status: 200, body: LANDING_PAGE, contentType: 'text/html; charset=utf-8' }) }],
  [/^\/get$/, { methods: ['GET'], run: (req) => json(getDict(req, ['url', 'args', 'headers', 'origin'])) }],
  ...(['post', 'put', 'patch', 'delete'] as const).map((m): [RegExp, Route] => [new RegExp(`^/${m}$`), { methods: [m.toUpperCase()], run: (req) => json(getDict(req, BODY_KEYS)) }]),
  [/^\/anything(\/.*)?$/, { methods: ANY, run: (req) => json(getDict(req, ['url', 'args', 'headers', 'origin', 'method', 'form', 'data', 'files', 'json'])) }],
  [/^\/ip$/, { methods: ['GET'], run: (req) => json({ origin: header(req.headers, 'x-forwarded-for') ?? req.sourceIp }) }],
  [/^\/headers$/, { methods: ['GET'], run: (req) => json(getDict(req, ['headers'])) }],
  [/^\/user-agent$/, { methods: ['GET'], run: (req) => json({ 'user-agent': header(req.headers, 'user-agent') ?? null }) }],
  [/^\/uuid$/, { methods: ['GET'], run: (_req, ctx) => json({ uuid: ctx.rng.uuid() }) }],
  [/^\/status\/([^/]+)$/, { methods: ANY, run: (_req, ctx, m) => statusRoute(decodeSegment(m[1]!), ctx) }],
  [/^\/delay\/([^/]+)$/, { methods: ANY, run: (req, _ctx, m) => delayRoute(req, decodeSegment(m[1]!)) }],
  [/^\/robots\.txt$/, { methods: ['GET'], run: () => ({ status: 200, body: 'User-agent: *\nDisallow: /deny\n', contentType: 'text/plain' }) }],
]

function statusRoute(codes: string, ctx: AppContext): FlaskOut {
  const parsed = parseWeightedCodes(codes, parseIntStrict)
  if (!parsed) return { status: 400, body: 'Invalid status code', contentType: 'text/html; charset=utf-8' }
  const code = parsed.length === 1 && !codes.includes(':') ? parsed[0]![0] : weightedChoice(parsed, ctx.rng)
  return flaskStatusResponse(code)
}

function delayRoute(req: AppRequest, raw: string): FlaskOut {
  const seconds = Number(raw)
  // float() raising or time.sleep() refusing a negative value is an unhandled error: Flask's 500.
  if (!raw.trim() || !Number.isFinite(seconds) || seconds < 0) return { status: 500, body: INTERNAL_ERROR, contentType: 'text/html' }
  return json(getDict(req, ['url', 'args', 'form', 'data', 'origin', 'headers', 'files']), Math.min(seconds, MAX_DELAY_SECONDS) * 1000)
}

const NOT_FOUND = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n'
const NOT_ALLOWED = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n'
const INTERNAL_ERROR = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.  Either the server is overloaded or there is an error in the application.</p>\n'
const LANDING_PAGE = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8">\n<title>httpbin.org</title>\n</head>\n<body>\n<h2>httpbin.org <small>0.9.2</small></h2>\n<p>A simple HTTP Request &amp; Response Service.</p>\n<ul>\n<li><a href="/get">/get</a> the request\'s query parameters</li>\n<li><a href="/headers">/headers</a> the request\'s headers</li>\n<li><a href="/ip">/ip</a> the requester\'s IP address</li>\n<li>/status/:code, /delay/:n, /anything, /post, /uuid, /user-agent</li>\n</ul>\n</body>\n</html>\n'

function dispatch(req: AppRequest, ctx: AppContext): FlaskOut {
  const path = pathOnly(req.path)
  for (const [re, route] of ROUTES) {
    const m = re.exec(path)
    if (!m) continue
    const allowed = [...route.methods, ...(route.methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS']
    if (req.method === 'OPTIONS') return { status: 200, body: '', contentType: 'text/html; charset=utf-8', headers: [['Allow', [...allowed].sort().join(', ')]] }
    if (!allowed.includes(req.method)) return { status: 405, body: NOT_ALLOWED, contentType: 'text/html', headers: [['Allow', [...allowed].sort().join(', ')]] }
    return route.run(req, ctx, m)
  }
  return { status: 404, body: NOT_FOUND, contentType: 'text/html' }
}

/** set_cors_headers: every response, preflight extras on OPTIONS. */
function corsHeaders(req: AppRequest): Header[] {
  const out: Header[] = [['Access-Control-Allow-Origin', header(req.headers, 'origin') ?? '*'], ['Access-Control-Allow-Credentials', 'true']]
  if (req.method !== 'OPTIONS') return out
  out.push(['Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, PATCH, OPTIONS'], ['Access-Control-Max-Age', '3600'])
  const asked = header(req.headers, 'access-control-request-headers')
  return asked === undefined ? out : [...out, ['Access-Control-Allow-Headers', asked]]
}

/** gunicorn's default access_log_format: `%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"`. */
function accessLine(req: AppRequest, ctx: AppContext, out: FlaskOut): string {
  const size = req.method === 'HEAD' ? '-' : String(byteLength(out.body))
  return `${req.sourceIp} - - [${clfDate(ctx.now())}] "${req.method} ${req.path} HTTP/1.1" ${out.status} ${size} "${header(req.headers, 'referer') ?? '-'}" "${header(req.headers, 'user-agent') ?? '-'}"`
}

export function flaskHttpbinApp(opts: FlaskHttpbinOptions): AppModel {
  return {
    name: opts.name,
    ports: opts.ports,
    listensOn: (port) => opts.ports.includes(port),
    async handle(req, ctx) {
      const out = dispatch(req, ctx)
      // Flask writes Content-Type and Content-Length (of the GET body, also for HEAD), then after_request adds CORS.
      const headers: Header[] = [['Connection', 'keep-alive'], ...(out.contentType ? [['Content-Type', out.contentType] as Header] : []),
        ['Content-Length', String(byteLength(out.body))], ...(out.headers ?? [])]
      const res: AppResponse = respond(ctx, {
        status: out.status, body: req.method === 'HEAD' ? '' : out.body, server: GUNICORN, dateFirst: true,
        headers: [...headers, ...corsHeaders(req)], profile: opts.profile ?? SERVICE_TIMES.httpbin, extraMs: out.extraMs,
      })
      // Werkzeug 0.14 upper-cases the reason phrase (`404 NOT FOUND`); gunicorn writes it as given.
      const reason = reasonPhrase(out.status)
      if (reason) res.statusText = reason.toUpperCase()
      if (gunicornAccessLogToStdout([...(ctx.pod.command ?? []), ...(ctx.pod.args ?? [])])) ctx.appendLog(accessLine(req, ctx, out))
      return res
    },
  }
}
