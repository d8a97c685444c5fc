// localhost:15000/15020/15021/15090 from any container of a pod with a proxy: the proxy answers, not the mesh.
//
// Containers of one pod share its network namespace (Kubernetes docs, "Pods": containers
// in a Pod communicate over localhost), so `curl localhost:15000/stats` in the app
// container reaches the sidecar's Envoy admin listener. Istio's iptables rules leave
// traffic to localhost alone. Everything else goes to the wrapped transport.
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { reasonPhrase } from '../apps'
import { resolveForRequest, type HttpRequest, type HttpResult, type HttpTransport, type TransportContext } from '../../pod-shell/curl/transport'
import type { EnvoyAdmin } from '../../pod-shell/tools/envoy-admin'
import { httpDate } from '../data/server-side'
import { resolveMemo, type Resolve } from '../data/resolve-memo'

/** Wraps a transport so loopback requests to the agent ports of a pod are served by `admin`. */
export function withEnvoyAdmin(inner: HttpTransport, store: ObjectStore, admin: EnvoyAdmin, now: () => number): HttpTransport {
  const local = (req: HttpRequest, ctx: TransportContext, resolve: Resolve = (r) => resolveForRequest(r, ctx)): HttpResult | undefined => {
    if (ctx.source.kind !== 'pod') return undefined
    const resolved = resolve(req)
    if ('kind' in resolved || !resolved.addresses[0]?.startsWith('127.')) return undefined
    const src = ctx.source
    const pod = store.list({ kind: 'Pod', namespace: src.namespace }).find((p) => p.metadata.name === src.podName)
    const answer = pod && answerFor(admin, pod, req)
    if (!answer) return undefined
    return toHttpResult(req, resolved.addresses[0], resolved.trace, answer, now())
  }
  const wrapped: HttpTransport = {
    send: async (req, ctx) => local(req, ctx) ?? inner.send(req, ctx),
  }
  if (inner.load) {
    const load = inner.load.bind(inner)
    wrapped.load = (ctx, body) => {
      const resolve = resolveMemo(store, ctx)
      return load(ctx, (sender) => body({ ...sender, send: async (req) => local(req, ctx, resolve) ?? sender.send(req) }))
    }
  }
  return wrapped
}

function answerFor(admin: EnvoyAdmin, pod: KubeObject, req: HttpRequest) {
  if (req.scheme !== 'http') return undefined
  return admin.request(pod, req.port, req.method, req.path)
}

function toHttpResult(req: HttpRequest, ip: string, trace: string[], a: { status: number; body: string; contentType: string }, nowMs: number): HttpResult {
  const headers: [string, string][] = [
    ['content-type', a.contentType], ['cache-control', 'no-cache, max-age=0'], ['x-content-type-options', 'nosniff'],
    ['date', httpDate(nowMs)], ['server', 'envoy'], ['content-length', String(new TextEncoder().encode(a.body).length)],
  ]
  return {
    kind: 'response', httpVersion: '1.1', status: a.status, statusText: reasonPhrase(a.status), headers, body: a.body,
    remoteIp: ip, remotePort: req.port, timings: { namelookup: 0, connect: 0.0001, starttransfer: 0.0002, total: 0.0002 },
    trace: [...trace, `  Trying ${ip}:${req.port}...`, `Connected to ${req.host} (${ip}) port ${req.port}`],
  }
}
