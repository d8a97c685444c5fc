// Small servers Kubernetes tutorials deploy: hashicorp/http-echo, google-samples/hello-app, kicbase/echo-server, httpd.
//
// - http-echo (ENTRYPOINT /http-echo): answers every path with `-text` plus a
//   newline on `-listen` (default :5678), with X-App-Name/X-App-Version headers.
// - hello-app (GKE quickstart): `Hello, world!` / `Version: <tag>.0` /
//   `Hostname: <pod>` on $PORT or 8080.
// - kicbase/echo-server (minikube's quickstart; jmalloc/echo-server): "Request
//   served by <pod>", the request line and headers, on $PORT or 8080.
// - httpd (Apache's image): "It works!" on 80.

import { containerArgv, httpEchoFlags } from './container'
import { goCanonicalHeader, pathOnly } from './http-util'
import { respond } from './respond'
import { SERVICE_TIMES } from './service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from './types'

const TEXT = 'text/plain; charset=utf-8'

function goText(ctx: AppContext, status: number, body: string, extra: Header[] = []): AppResponse {
  const headers = [['Content-Type', TEXT] as Header, ...extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return respond(ctx, { status, body, headers, profile: SERVICE_TIMES.fortio, dateBeforeLength: true })
}

export const httpEchoApp: AppModel = {
  name: 'http-echo',
  ports: [5678],
  listensOn: (p) => p === 5678,
  async handle(req, ctx) {
    const argv = containerArgv({ image: 'hashicorp/http-echo', command: ctx.pod.command, args: ctx.pod.args }) ?? []
    const { text } = httpEchoFlags(argv)
    if (pathOnly(req.path) === '/health') return goText(ctx, 200, '{"status":"ok"}\n')
    return goText(ctx, 200, `${text}\n`, [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0']])
  },
}

/** hello-app's version is its image tag (1.0 -> 1.0.0). */
export function helloAppModel(tag: string): AppModel {
  const version = /^\d+\.\d+$/.test(tag) ? `${tag}.0` : tag
  return {
    name: 'hello-app',
    ports: [8080],
    listensOn: (p) => p === 8080,
    async handle(_req, ctx) {
      return goText(ctx, 200, `Hello, world!\nVersion: ${version}\nHostname: ${ctx.pod.env.HOSTNAME ?? ctx.pod.name}\n`)
    },
  }
}

export const echoServerApp: AppModel = {
  name: 'echo-server',
  ports: [8080],
  listensOn: (p) => p === 8080,
  async handle(req: AppRequest, ctx: AppContext) {
    const headers = req.headers.filter(([k]) => k !== 'host').map(([k, v]) => `${goCanonicalHeader(k)}: ${v}`).sort()
    const body = `Request served by ${ctx.pod.env.HOSTNAME ?? ctx.pod.name}\n\nHTTP/1.1 ${req.method} ${req.path}\n\nHost: ${req.host}\n${headers.map((h) => `${h}\n`).join('')}${req.body ? `\n${req.body}` : ''}`
    return goText(ctx, 200, body)
  },
}

export const httpdApp: AppModel = {
  name: 'httpd',
  ports: [80],
  listensOn: (p) => p === 80,
  async handle(req, ctx) {
    const found = ['/', '/index.html'].includes(pathOnly(req.path))
    const body = found
      ? '<html><body><h1>It works!</h1></body></html>\n'
      : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`
    return respond(ctx, { status: found ? 200 : 404, body, server: 'Apache/2.4.62 (Unix)', dateFirst: true, headers: [['Content-Type', found ? 'text/html' : 'text/html; charset=iso-8859-1']], profile: SERVICE_TIMES.nginx })
  },
}
