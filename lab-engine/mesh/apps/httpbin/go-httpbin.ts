// go-httpbin (mccutchen/go-httpbin, the image Istio's samples/httpbin runs on port 8080): httpbin in Go.
//
// Shapes from go-httpbin's handlers.go, responses.go and helpers.go: JSON
// indented by two spaces with a final newline; headers and args as lists under
// Go's canonical header names (sorted, Host included, nothing hidden); `origin`
// is the first X-Forwarded-For entry or the peer; `url` takes its scheme from
// X-Forwarded-Proto; errors are `{"status_code": N, "error": "...", "detail": "..."}`;
// /delay accepts Go durations or seconds up to 10 s and sets Server-Timing.
// Go's server writes the handler's headers sorted, then Date and Content-Length.

import { decodeSegment, goCanonicalHeader, header, isoTime, pathOnly } from '../http-util'
import { sortedObject, type Json } from '../json-format'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppModel, AppRequest, Header } from '../types'
import { bodyFields, groupPairs, MAX_DELAY_SECONDS, parseWeightedCodes, queryGroups, weightedChoice } from './request-data'
import { flagValues } from '../container'
import { formatGoDuration, parseGoDuration } from './go-duration'
import { GO_REDIRECT_ROUTES, GO_TEXT, goError, goJson, type GoOut, type GoRoute } from './go-redirects'

const lists = (m: Map<string, string[]>) => sortedObject([...m])

function requestHeaders(req: AppRequest): { [k: string]: string[] } {
  const grouped = groupPairs(req.headers.filter(([k]) => k.toLowerCase() !== 'host').map(([k, v]): [string, string] => [goCanonicalHeader(k), v]))
  grouped.set('Host', [req.host])
  return lists(grouped)
}

function clientIp(req: AppRequest): string {
  for (const h of ['fly-client-ip', 'cf-connecting-ip', 'fastly-client-ip', 'true-client-ip']) {
    const v = header(req.headers, h)
    if (v) return v
  }
  const xff = header(req.headers, 'x-forwarded-for')
  return xff ? xff.split(',')[0]!.trim() : req.sourceIp
}

function requestUrl(req: AppRequest): string {
  const proto = header(req.headers, 'x-forwarded-proto') || header(req.headers, 'x-forwarded-protocol') || (header(req.headers, 'x-forwarded-ssl') === 'on' ? 'https' : 'http')
  return `${proto}://${req.host}${req.path}`
}

const json = goJson
const TEXT_TYPE = GO_TEXT

function noBody(req: AppRequest): { [k: string]: Json } {
  return { args: lists(queryGroups(req)), headers: requestHeaders(req), method: req.method, origin: clientIp(req), url: requestUrl(req) }
}

/** Content types parseBody keeps as text; any other body becomes a base64 data URL (encodeData). */
const TEXTUAL = new Set(['text/html', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'])

function withBody(req: AppRequest): { [k: string]: Json } {
  const b = bodyFields(req, false)
  const data = b.data && !TEXTUAL.has(b.contentType)
    ? `data:${b.contentType || 'application/octet-stream'};base64,${Buffer.from(b.data, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_')}`
    : b.data
  return { ...noBody(req), data, files: {}, form: lists(b.form), json: b.contentType === 'application/json' ? b.json : null }
}

/** doStatus: plain text, with go-httpbin's special cases. */
function statusOut(code: number): GoOut {
  const special: Record<number, Header[]> = { 301: [['Location', '/redirect/1']], 302: [['Location', '/redirect/1']], 303: [['Location', '/redirect/1']], 305: [['Location', '/redirect/1']], 307: [['Location', '/redirect/1']], 401: [['Www-Authenticate', 'Basic realm="Fake Realm"']], 407: [['Proxy-Authenticate', 'Basic realm="Fake Realm"']] }
  if (code === 418) return { status: 418, body: "I'm a teapot!", headers: [['Content-Type', TEXT_TYPE], ['X-More-Info', 'http://tools.ietf.org/html/rfc2324']] }
  if (code === 402) return { status: 402, body: 'Fuck you, pay me!', headers: [['Content-Type', TEXT_TYPE], ['X-More-Info', 'http://vimeo.com/22053820']] }
  return { status: code, body: '', headers: [['Content-Type', TEXT_TYPE], ...(special[code] ?? [])] }
}

function atoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? parseInt(s, 10) : undefined
}

function statusRoute(raw: string, ctx: AppContext): GoOut {
  if (!raw.includes(',')) {
    const code = atoi(raw)
    if (code === undefined) return goError(400, `invalid status code: "${raw}": strconv.Atoi: parsing "${raw}": invalid syntax`)
    if (code < 100 || code > 599) return goError(400, `invalid status code: ${code} not in range [100, 599]`)
    return statusOut(code)
  }
  const choices = parseWeightedCodes(raw, atoi)
  if (!choices) return goError(400, `invalid choice value: "${raw}"`)
  return statusOut(weightedChoice(choices, ctx.rng))
}

/** -max-duration flag, else $MAX_DURATION, else 10s (go-httpbin cmd.go: flags win over env). */
export function goHttpbinMaxDurationMs(ctx: AppContext): number {
  const argv = [...(ctx.pod.command ?? []), ...(ctx.pod.args ?? [])]
  const raw = flagValues(argv, ['-max-duration', '--max-duration']).at(-1) ?? ctx.pod.env.MAX_DURATION
  const parsed = raw === undefined ? undefined : parseGoDuration(raw)
  return parsed !== undefined && parsed >= 0 ? parsed : MAX_DELAY_SECONDS * 1000
}

function delayRoute(req: AppRequest, ctx: AppContext, raw: string): GoOut {
  const maxMs = goHttpbinMaxDurationMs(ctx)
  const ms = parseGoDuration(raw) ?? (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) ? Math.trunc(Number(raw) * 1000) : undefined)
  if (ms === undefined) return goError(400, `invalid duration: strconv.ParseFloat: parsing "${raw}": invalid syntax`)
  if (ms > maxMs) return goError(400, `invalid duration: duration ${formatGoDuration(ms)} longer than ${formatGoDuration(maxMs)}`)
  if (ms < 0) return goError(400, `invalid duration: duration ${formatGoDuration(ms)} shorter than 0s`)
  const timing = `initial_delay;dur=${ms.toFixed(2)};desc="initial delay"`
  return { ...json(200, withBody(req), [['Server-Timing', timing]]), extraMs: ms }
}

type Route = GoRoute

const ROUTES: [RegExp, Route][] = [
  ...GO_REDIRECT_ROUTES,
  [/^\/get$/, { methods: ['GET', 'HEAD'], run: (req) => json(200, noBody(req)) }],
  ...(['post', 'put', 'patch', 'delete'] as const).map((m): [RegExp, Route] => [new RegExp(`^/${m}$`), { methods: [m.toUpperCase()], run: (req) => json(200, withBody(req)) }]),
  [/^\/anything(\/.*)?$/, { run: (req) => json(200, req.method === 'HEAD' ? noBody(req) : withBody(req)) }],
  [/^\/ip$/, { run: (req) => json(200, { origin: clientIp(req) }) }],
  [/^\/headers$/, { run: (req) => json(200, { headers: requestHeaders(req) }) }],
  [/^\/user-agent$/, { run: (req) => json(200, { 'user-agent': header(req.headers, 'user-agent') ?? '' }) }],
  [/^\/uuid$/, { run: (_req, ctx) => json(200, { uuid: ctx.rng.uuid() }) }],
  [/^\/status\/([^/]+)$/, { run: (_req, ctx, m) => statusRoute(decodeSegment(m[1]!), ctx) }],
  [/^\/delay\/([^/]+)$/, { run: (req, ctx, m) => delayRoute(req, ctx, decodeSegment(m[1]!)) }],
  [/^\/$/, { methods: ['GET', 'HEAD'], run: () => ({ status: 200, body: INDEX_HTML, headers: [['Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' camo.githubusercontent.com"], ['Content-Type', 'text/html; charset=utf-8']] }) }],
]

const INDEX_HTML = '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>go-httpbin(1): HTTP Client Testing Service</title>\n</head>\n<body>\n<h1>go-httpbin(1): HTTP Client Testing Service</h1>\n<p>A reasonably complete and well-tested golang port of httpbin.</p>\n<ul>\n<li><a href="/get">/get</a>, /anything, /headers, /ip, /status/:code, /delay/:n, /uuid, /user-agent</li>\n</ul>\n</body>\n</html>\n'

function dispatch(req: AppRequest, ctx: AppContext): GoOut {
  const path = pathOnly(req.path)
  for (const [re, route] of ROUTES) {
    const m = re.exec(path)
    if (!m) continue
    if (route.methods && !route.methods.includes(req.method)) return goError(405)
    return route.run(req, ctx, m)
  }
  return goError(404)
}

/** The preflight middleware: CORS on every answer, OPTIONS answered directly. */
function cors(req: AppRequest): Header[] {
  return [['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Origin', header(req.headers, 'origin') || '*']]
}

function optionsOut(req: AppRequest): GoOut {
  const asked = header(req.headers, 'access-control-request-headers')
  return { status: 200, body: '', headers: [['Access-Control-Allow-Methods', 'GET, POST, HEAD, PUT, DELETE, PATCH, QUERY, OPTIONS'], ['Access-Control-Max-Age', '3600'], ...(asked ? [['Access-Control-Allow-Headers', asked] as Header] : [])] }
}

/** slog's text handler quotes values with spaces or quotes. */
const slogValue = (v: string | number) => (typeof v === 'number' || /^[^\s"=]+$/.test(v) ? String(v) : JSON.stringify(v))

export const goHttpbinApp: AppModel = {
  name: 'go-httpbin',
  ports: [8080],
  listensOn: (port) => port === 8080,
  async handle(req, ctx) {
    const out = req.method === 'OPTIONS' ? optionsOut(req) : dispatch(req, ctx)
    const sorted = [...cors(req), ...out.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    const body = req.method === 'HEAD' ? '' : out.body
    const res = respond(ctx, { status: out.status, body, headers: sorted, profile: SERVICE_TIMES['go-httpbin'], dateBeforeLength: true, extraMs: out.extraMs })
    const ms = res.serviceTimeMs
    const level = out.status >= 500 ? 'ERROR' : out.status >= 400 ? 'WARN' : 'INFO'
    // slog's attributes in order; numbers print as they are (slogValue(n) is String(n)).
    const attrs = `status=${out.status} method=${slogValue(req.method)} uri=${slogValue(req.path)} size_bytes=${body.length} duration_ms=${ms} `
      + `user_agent=${slogValue(header(req.headers, 'user-agent') ?? '')} client_ip=${slogValue(clientIp(req))}`
    ctx.appendLog(`time=${isoTime(ctx.now())} level=${level} msg="${out.status} ${req.method} ${req.path} ${ms.toFixed(1)}ms" ${attrs}`)
    return res
  },
}
