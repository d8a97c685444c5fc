// Istio's observability addons (samples/addons): Prometheus 9090, Grafana 3000, Kiali 20001, Jaeger 16686/9411.
//
// What a curl or `kubectl port-forward` reaches: Prometheus's health endpoints
// and its HTTP API (/api/v1/query, answered by the session's telemetry through
// AppContext.prometheus; Prometheus docs, "HTTP API"), Grafana's /api/health,
// and the UIs' entry pages. The UIs themselves are the web app's business.

import { header, parseUrlEncoded, pathOnly, queryParams } from './http-util'
import { respond } from './respond'
import { SERVICE_TIMES } from './service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from './types'

const JSON_TYPE = 'application/json'
const HTML = 'text/html; charset=utf-8'

function go(ctx: AppContext, status: number, body: string, headers: Header[]): AppResponse {
  return respond(ctx, { status, body, headers, profile: SERVICE_TIMES['go-httpbin'], dateBeforeLength: true })
}

const page = (title: string) => `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<div id="root"></div>\n</body>\n</html>\n`

/** /api/v1/query's `time`: Unix seconds (fractions allowed) or RFC 3339; the current instant when absent. */
function queryTime(raw: string | undefined, nowMs: number): number | undefined {
  if (raw === undefined || raw === '') return nowMs
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000
  const t = Date.parse(raw)
  return Number.isNaN(t) ? undefined : t
}

function promError(ctx: AppContext, status: number, errorType: string, error: string): AppResponse {
  return go(ctx, status, JSON.stringify({ status: 'error', errorType, error }), [['Content-Type', JSON_TYPE]])
}

function promQuery(req: AppRequest, ctx: AppContext): AppResponse {
  const form = req.method === 'POST' && (header(req.headers, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded') ? parseUrlEncoded(req.body) : []
  const params = new Map([...queryParams(req), ...form])
  const query = params.get('query')
  if (!query) return promError(ctx, 400, 'bad_data', 'invalid parameter "query": 1:1: parse error: no expression found in input')
  const at = queryTime(params.get('time'), ctx.now())
  if (at === undefined) return promError(ctx, 400, 'bad_data', `invalid parameter "time": cannot parse "${params.get('time')}" to a valid timestamp`)
  if (!ctx.prometheus) return promError(ctx, 503, 'unavailable', 'no metrics are collected in this environment')
  try {
    const data = ctx.prometheus.query(query, at)
    return go(ctx, 200, JSON.stringify({ status: 'success', data }), [['Content-Type', JSON_TYPE]])
  } catch (err) {
    return promError(ctx, 400, 'bad_data', err instanceof Error ? err.message : String(err))
  }
}

async function prometheus(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const path = pathOnly(req.path)
  if (path === '/-/healthy') return go(ctx, 200, 'Prometheus Server is Healthy.\n', [['Content-Type', 'text/plain; charset=utf-8']])
  if (path === '/-/ready') return go(ctx, 200, 'Prometheus Server is Ready.\n', [['Content-Type', 'text/plain; charset=utf-8']])
  if (path === '/api/v1/query' && (req.method === 'GET' || req.method === 'POST')) return promQuery(req, ctx)
  // Prometheus 2.x (the addon image in content/samples, v2.54) sends `/` to /graph; 3.x to /query.
  if (path === '/') return go(ctx, 302, '<a href="/graph">Found</a>.\n\n', [['Content-Type', HTML], ['Location', '/graph']])
  if (path === '/query' || path === '/graph') return go(ctx, 200, page('Prometheus Time Series Collection and Processing Server'), [['Content-Type', HTML]])
  return go(ctx, 404, '404 page not found\n', [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']])
}

async function grafana(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const path = pathOnly(req.path)
  if (path === '/api/health') return go(ctx, 200, '{\n  "database": "ok",\n  "version": "11.3.1"\n}', [['Cache-Control', 'no-store'], ['Content-Type', 'application/json; charset=UTF-8']])
  if (path === '/' || path.startsWith('/d/') || path.startsWith('/dashboards')) return go(ctx, 200, page('Grafana'), [['Cache-Control', 'no-store'], ['Content-Type', HTML]])
  return go(ctx, 404, page('Grafana'), [['Content-Type', HTML]])
}

async function kiali(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const path = pathOnly(req.path)
  if (path === '/healthz') return go(ctx, 200, '', [])
  if (path === '/' || path === '/kiali') return go(ctx, 302, '<a href="/kiali/">Found</a>.\n\n', [['Content-Type', HTML], ['Location', '/kiali/']])
  if (path.startsWith('/kiali/')) return go(ctx, 200, page('Kiali'), [['Content-Type', HTML]])
  return go(ctx, 404, '404 page not found\n', [['Content-Type', 'text/plain; charset=utf-8']])
}

async function jaeger(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const port = req.port ?? 16686
  const path = pathOnly(req.path)
  // 9411 is the Zipkin-compatible collector the sidecars report to; it takes POSTed spans.
  if (port === 9411) return go(ctx, path === '/api/v2/spans' && req.method === 'POST' ? 202 : 404, '', [])
  return go(ctx, 200, page('Jaeger UI'), [['Content-Type', HTML]])
}

function addon(name: string, ports: number[], handle: AppModel['handle']): AppModel {
  return { name, ports, listensOn: (p) => ports.includes(p), handle }
}

export const prometheusApp = addon('prometheus', [9090], prometheus)
export const grafanaApp = addon('grafana', [3000], grafana)
export const kialiApp = addon('kiali', [20001], kiali)
export const jaegerApp = addon('jaeger', [16686, 9411, 14268, 14250, 4317, 4318], jaeger)
