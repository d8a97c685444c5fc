// nginx (the official image, default configuration): the welcome page on port 80, 404 elsewhere.
//
// The image's default.conf serves /usr/share/nginx/html: `/` and `/index.html`
// give "Welcome to nginx!", `/50x.html` the error page; other paths are
// nginx's 404 page. GET and HEAD only for static files (others get 405).
// Each request is logged in the image's `main` (combined) format to stdout.

import { clfDate, header, pathOnly } from './http-util'
import { respond } from './respond'
import { SERVICE_TIMES } from './service-time'
import type { NginxListen } from './nginx-config'
import type { AppContext, AppModel, AppRequest, AppResponse } from './types'

export const NGINX_VERSION = '1.27.3'

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

/** nginx's built-in error pages: `<center><h1>404 Not Found</h1></center>` and the server signature. */
export function nginxErrorPage(status: number, reason: string): string {
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`
}

const PLAIN_TO_TLS = `<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`

function page(req: AppRequest, tls: ReadonlySet<number>): { status: number; body: string } {
  if (req.scheme === 'http' && req.port !== undefined && tls.has(req.port)) return { status: 400, body: PLAIN_TO_TLS }
  const path = pathOnly(req.path)
  const known = path === '/' || path === '/index.html'
  if (!['GET', 'HEAD'].includes(req.method)) return { status: 405, body: nginxErrorPage(405, 'Not Allowed') }
  return known ? { status: 200, body: NGINX_WELCOME } : { status: 404, body: nginxErrorPage(404, 'Not Found') }
}

async function handle(req: AppRequest, ctx: AppContext, tls: ReadonlySet<number>): Promise<AppResponse> {
  const { status, body } = page(req, tls)
  const headers: [string, string][] = [['Content-Type', 'text/html'], ['Content-Length', String(body.length)]]
  if (status === 200) headers.push(['Last-Modified', 'Tue, 26 Nov 2024 15:55:00 GMT'], ['Connection', 'keep-alive'], ['ETag', '"6745ef54-267"'], ['Accept-Ranges', 'bytes'])
  else headers.push(['Connection', 'keep-alive'])
  const res = respond(ctx, { status, body: req.method === 'HEAD' ? '' : body, server: `nginx/${NGINX_VERSION}`, dateFirst: true, headers, profile: SERVICE_TIMES.nginx })
  const sent = req.method === 'HEAD' ? 0 : body.length
  ctx.appendLog(`${req.sourceIp} - - [${clfDate(ctx.now())}] "${req.method} ${req.path} HTTP/1.1" ${status} ${sent} "${header(req.headers, 'referer') ?? '-'}" "${header(req.headers, 'user-agent') ?? '-'}" "-"`)
  return res
}

/** nginx with the given sockets (nginx-config.ts reads them from a mounted nginx.conf). */
export function nginxModel(listens: readonly NginxListen[]): AppModel {
  const ports = listens.map((l) => l.port)
  const tls = new Set(listens.filter((l) => l.ssl).map((l) => l.port))
  return {
    name: 'nginx', ports, listensOn: (port) => ports.includes(port),
    ...(tls.size ? { tlsPorts: [...tls] } : {}),
    handle: (req, ctx) => handle(req, ctx, tls),
  }
}

/** The image's default configuration: the welcome page on 80. */
export const nginxApp: AppModel = nginxModel([{ port: 80, ssl: false }])
