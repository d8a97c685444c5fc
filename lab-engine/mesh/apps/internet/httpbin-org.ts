// httpbin.org: the Python httpbin behind an AWS Application Load Balancer, over http and https.
//
// The load balancer is what makes httpbin.org's echoes differ from a pod's
// httpbin: it appends the client's address to X-Forwarded-For (so `origin` is
// the caller's public address), sets X-Forwarded-Proto/Port (hidden by httpbin
// unless ?show_env) and adds X-Amzn-Trace-Id `Root=1-<epoch seconds hex>-<24 hex>`
// (AWS ALB docs, "Request tracing for your Application Load Balancer").

import { flaskHttpbinApp } from '../httpbin/flask-httpbin'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppModel, AppRequest, Header } from '../types'

const inner = flaskHttpbinApp({ name: 'httpbin.org', ports: [80, 443], profile: SERVICE_TIMES.website })

/** The ALB's request rewriting. */
export function albRequest(req: AppRequest, ctx: AppContext): AppRequest {
  const port = req.port ?? (req.scheme === 'https' ? 443 : 80)
  const xff = req.headers.find(([k]) => k === 'x-forwarded-for')?.[1]
  const rest = req.headers.filter(([k]) => !['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'x-amzn-trace-id'].includes(k))
  const seconds = Math.floor(ctx.now() / 1000).toString(16).padStart(8, '0')
  const added: Header[] = [
    ['x-forwarded-for', xff ? `${xff}, ${req.sourceIp}` : req.sourceIp],
    ['x-forwarded-proto', req.scheme],
    ['x-forwarded-port', String(port)],
    ['x-amzn-trace-id', `Root=1-${seconds}-${ctx.rng.hex(24)}`],
  ]
  return { ...req, headers: [...rest, ...added] }
}

export const httpbinOrgApp: AppModel = {
  name: 'httpbin.org',
  ports: [80, 443],
  listensOn: (port) => port === 80 || port === 443,
  async handle(req, ctx) {
    const res = await inner.handle(albRequest(req, ctx), ctx)
    // The ALB answers without gunicorn's own Date/Connection order: Date first, then the app's headers.
    const date = res.headers.find(([k]) => k === 'Date')!
    res.headers = [date, ...res.headers.filter(([k]) => k !== 'Date')]
    return res
  },
}
