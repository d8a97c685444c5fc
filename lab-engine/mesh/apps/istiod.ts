// istiod (istio/pilot image, pilot-discovery): the ports it listens on and the plain-HTTP answers a learner can reach.
//
// Istio's "Ports used by Istio" page: 15010 XDS and CA (gRPC, plaintext),
// 15012 XDS and CA (gRPC, TLS), 15014 control-plane monitoring (HTTP:
// /metrics, /version), 15017 the webhook (HTTPS), 8080 the debug interface
// (/ready, /debug/...). gRPC ports close an HTTP/1.1 connection without a reply.

import { pathOnly } from './http-util'
import { respond } from './respond'
import { SERVICE_TIMES } from './service-time'
import type { AppContext, AppModel, AppRequest, AppResponse } from './types'
/** Ports pilot-discovery binds (Istio docs, "Ports used by Istio"). */
export const ISTIOD_PORTS = { http: 8080, xds: 15010, xdsTls: 15012, monitoring: 15014, webhook: 15017 } as const

const TEXT = 'text/plain; charset=utf-8'

function go(ctx: AppContext, status: number, body: string, type = TEXT): AppResponse {
  return respond(ctx, { status, body, headers: [['Content-Type', type]], profile: SERVICE_TIMES.fortio, dateBeforeLength: true })
}

/** The monitoring port's Prometheus exposition, a few of pilot's gauges. */
function metrics(ctx: AppContext): string {
  return [
    '# HELP pilot_xds Number of endpoints connected to this pilot using XDS.',
    '# TYPE pilot_xds gauge',
    `pilot_xds{version="1.26.0"} ${Number(ctx.pod.env.PILOT_CONNECTED_PROXIES ?? 0)}`,
    '# HELP istiod_uptime_seconds Current istiod server uptime in seconds',
    '# TYPE istiod_uptime_seconds gauge',
    `istiod_uptime_seconds ${Math.max(0, Math.floor((ctx.now() - (ctx.pod.startedAt ?? ctx.now())) / 1000))}`,
    '',
  ].join('\n')
}

async function handle(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  const port = req.port ?? ISTIOD_PORTS.http
  if (port === ISTIOD_PORTS.xds || port === ISTIOD_PORTS.xdsTls || port === ISTIOD_PORTS.webhook) {
    return { status: 0, headers: [], body: '', serviceTimeMs: 0, abort: 'empty-reply' }
  }
  const path = pathOnly(req.path)
  if (port === ISTIOD_PORTS.monitoring) {
    if (path === '/metrics') return go(ctx, 200, metrics(ctx), 'text/plain; version=0.0.4; charset=utf-8')
    if (path === '/version') return go(ctx, 200, '1.26.0-8d4f5f5c0a6e2b1e2ef0e0a5a4f7d8f8f6c7d9e1-Clean\n')
    return go(ctx, 404, '404 page not found\n')
  }
  if (path === '/ready') return go(ctx, 200, '')
  return go(ctx, 404, '404 page not found\n')
}

export const istiodApp: AppModel = {
  name: 'istiod',
  ports: Object.values(ISTIOD_PORTS),
  listensOn: (port) => (Object.values(ISTIOD_PORTS) as number[]).includes(port),
  handle,
}
