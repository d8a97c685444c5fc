// fortio server (fortio/fortio image, `fortio server`): the echo server load tests aim at, on 8080; gRPC ping on 8079.
//
// fhttp/http_server.go and http_utils.go: every path but the debug and UI
// paths echoes the request body back. Query parameters shape the answer:
// `status=503` (or `503:20,429:10` for percentages, the rest 200), `delay=250ms`
// (or `250ms:10,1s:5`; capped by -max-echo-delay, 1.5 s by default), `size=N`
// (N payload bytes), `header=Name:Value`, `close=true`. Bad status input gives
// 400. `/debug` prints the request; `/fortio/` is the UI (a placeholder here).
// 8079 is gRPC only: an HTTP/1.1 request gets the connection closed with no
// reply. 8081 is the https redirector (303 to https://host/path).

import { goCanonicalHeader, header, pathOnly, queryParams, queryValue } from './http-util'
import { containerArgv, fortioServerPorts, type FortioPorts } from './container'
import { formatGoDuration, parseGoDuration } from './httpbin/go-duration'
import { respond } from './respond'
import { SERVICE_TIMES } from './service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from './types'

export const FORTIO_SERVER_VERSION = '1.69.0'
/** -max-echo-delay's default. */
export const FORTIO_MAX_ECHO_DELAY_MS = 1500
/** fnet.MaxPayloadSize: the largest `size=` fortio serves. */
export const FORTIO_MAX_PAYLOAD = 256 * 1024
/** fortio's DebugSummary cut-off for echoed bodies in /debug. */
const DEBUG_SUMMARY_MAX = 512

const TEXT = 'text/plain; charset=utf-8'

/** `503:20,429:10` style lists: percentages rolled as 100*rand against the running sum; -1 means "none hit". */
function weightedPick<T>(spec: string, parse: (s: string) => T | undefined, rng: AppContext['rng']): T | 'bad' | 'none' {
  const cum: [number, T][] = []
  let total = 0
  for (const entry of spec.split(',')) {
    const parts = entry.split(':')
    if (parts.length !== 2) return 'bad'
    const value = parse(parts[0]!)
    const p = Number(parts[1]!.replace(/%$/, ''))
    if (value === undefined || !Number.isFinite(p) || p < 0 || p > 100 || parts[1] === '') return 'bad'
    total += p
    if (Math.round(total * 1e6) / 1e6 > 100) return 'bad'
    cum.push([total, value])
  }
  const roll = 100 * rng.next()
  return cum.find(([w]) => roll <= w)?.[1] ?? 'none'
}

const atoi = (s: string) => (/^[+-]?\d+$/.test(s) ? parseInt(s, 10) : undefined)

/** generateStatus: 200 without input, 400 for input it cannot read. */
export function echoStatus(spec: string | undefined, rng: AppContext['rng']): number {
  if (!spec) return 200
  if (!spec.includes(',') && !spec.includes(':')) return atoi(spec) ?? 400
  const r = weightedPick(spec, atoi, rng)
  return r === 'bad' ? 400 : r === 'none' ? 200 : r
}

/** generateDelay in ms, capped at the max echo delay; 0 when absent or unreadable. */
export function echoDelayMs(spec: string | undefined, rng: AppContext['rng']): number {
  if (!spec) return 0
  const cap = (d: number) => Math.min(Math.max(d, 0), FORTIO_MAX_ECHO_DELAY_MS)
  if (!spec.includes(',') && !spec.includes(':')) return cap(parseGoDuration(spec) ?? 0)
  const r = weightedPick(spec, parseGoDuration, rng)
  return typeof r === 'number' ? cap(r) : 0
}

function echo(req: AppRequest, ctx: AppContext): AppResponse {
  const q = (n: string) => queryValue(req, n)
  const delay = echoDelayMs(q('delay'), ctx.rng)
  const status = echoStatus(q('status'), ctx.rng)
  const extra: Header[] = []
  if (q('close')) extra.push(['Connection', 'close'])
  for (const [k, v] of queryParams(req)) {
    const colon = v.indexOf(':')
    if (k === 'header' && colon > 0) extra.push([v.slice(0, colon), v.slice(colon + 1)])
  }
  const size = atoi(q('size') ?? '')
  let body = req.body
  // Go sniffs a Content-Type only when there are body bytes to sniff.
  let type = header(req.headers, 'content-type') ?? (body.length > 0 ? TEXT : undefined)
  if (size !== undefined && size >= 0) {
    body = payload(Math.min(size, FORTIO_MAX_PAYLOAD))
    type = 'application/octet-stream'
  }
  return goResponse(ctx, status, body, [...(type ? [['Content-Type', type] as Header] : []), ...extra], delay)
}

/** fnet.Payload stands in for random bytes; printable here so terminals stay readable. */
function payload(n: number): string {
  const pattern = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n)
}

/** Go's net/http: handler headers sorted, then Date and Content-Length. */
function goResponse(ctx: AppContext, status: number, body: string, headers: Header[], extraMs = 0): AppResponse {
  const sorted = [...headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return respond(ctx, { status, body, headers: sorted, profile: SERVICE_TIMES.fortio, extraMs, dateBeforeLength: true })
}

function escapeBytes(s: string): string {
  return JSON.stringify(s).slice(1, -1)
}

function debug(req: AppRequest, ctx: AppContext): AppResponse {
  const uptime = formatGoDuration(Math.round(Math.max(0, ctx.now() - (ctx.pod.startedAt ?? ctx.now())) / 100) * 100)
  const peer = `${req.sourceIp}:${32768 + ctx.rng.int(28000)}`
  const lines = req.headers.filter(([k]) => k !== 'host').map(([k, v]) => `${goCanonicalHeader(k)}: ${v}`).sort()
  const body = req.body.length <= DEBUG_SUMMARY_MAX + 3 ? escapeBytes(req.body) : `${req.body.length}: ${escapeBytes(req.body.slice(0, DEBUG_SUMMARY_MAX / 2))}...${escapeBytes(req.body.slice(-DEBUG_SUMMARY_MAX / 2))}`
  const text = `Φορτίο version ${FORTIO_SERVER_VERSION} go1.23.4 amd64 linux echo debug server up for ${uptime} on ${ctx.pod.name} - request from ${peer}\n\n` +
    `${req.method} ${req.path} HTTP/1.1\n\nheaders:\n\nHost: ${req.host}${lines.map((l) => `\n${l}`).join('')}\n\nbody:\n\n${body}\n`
  return goResponse(ctx, 200, text, [['Content-Type', 'text/plain; charset=UTF-8']])
}

const UI_PAGE = `<!DOCTYPE html>\n<html>\n<head>\n<title>Φορτίο v${FORTIO_SERVER_VERSION}</title>\n</head>\n<body>\n<h1>Φορτίο (fortio) v${FORTIO_SERVER_VERSION} control UI</h1>\n<p>Load testing is driven from the terminal here: <code>fortio load -c 3 -qps 0 -n 20 http://...</code></p>\n</body>\n</html>\n`

const DEFAULT_ROLES: FortioPorts = { http: 8080, grpc: 8079, redirect: 8081 }
/** Port roles per command line; a handful of distinct command lines exist per session. */
const rolesCache = new Map<string, FortioPorts>()
const MAX_ROLES_CACHE = 64

function portRoles(ctx: AppContext): FortioPorts {
  if (!ctx.pod.command && !ctx.pod.args) return DEFAULT_ROLES
  const key = `${(ctx.pod.command ?? []).join('\0')}\u0001${(ctx.pod.args ?? []).join('\0')}`
  let roles = rolesCache.get(key)
  if (!roles) {
    const argv = containerArgv({ image: 'fortio/fortio', command: ctx.pod.command, args: ctx.pod.args }) ?? []
    roles = fortioServerPorts(argv) ?? DEFAULT_ROLES
    if (rolesCache.size >= MAX_ROLES_CACHE) rolesCache.clear()
    rolesCache.set(key, roles)
  }
  return roles
}

async function handle(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const roles = portRoles(ctx)
  const port = req.port ?? roles.http
  if (port === roles.grpc) return { status: 0, headers: [], body: '', serviceTimeMs: 0, abort: 'empty-reply' }
  if (port === roles.redirect) {
    const dest = `https://${req.host}${req.path}`
    const body = `<a href="${dest}">See Other</a>.\n\n`
    return goResponse(ctx, 303, body, [['Content-Type', 'text/html; charset=utf-8'], ['Location', dest]])
  }
  const path = pathOnly(req.path)
  if (path === '/debug') return debug(req, ctx)
  if (path === '/fortio') return goResponse(ctx, 301, '', [['Location', '/fortio/'], ['Content-Type', 'text/html; charset=utf-8']])
  if (path.startsWith('/fortio/')) return goResponse(ctx, 200, UI_PAGE, [['Content-Type', 'text/html; charset=utf-8']])
  const res = echo(req, ctx)
  if (req.method === 'HEAD') res.body = ''
  return res
}

export const fortioServerApp: AppModel = {
  name: 'fortio',
  ports: [8080, 8079, 8081],
  listensOn: (port) => port === 8080 || port === 8079 || port === 8081,
  handle,
}
