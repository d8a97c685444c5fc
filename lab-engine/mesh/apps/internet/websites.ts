// Public websites outside the cluster: edition.cnn.com, www.google.com and istio.io, as a curl from a pod sees them.
//
// Plain http on edition.cnn.com (Fastly/Varnish) and istio.io (Netlify)
// answers 301 with `Location: https://<host><path>`, which Istio's egress tasks
// show with `curl -sSL -o /dev/null -D - http://edition.cnn.com/politics`.
// www.google.com serves its page over both http and https (it does not
// redirect the www host). Page bodies are short stand-ins with the real
// titles; the headers are the ones these front ends send.

import { pathOnly } from '../http-util'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from '../types'

interface Site {
  name: string
  /** Answer http with a 301 to https. */
  httpsOnly: boolean
  redirectHeaders: Header[]
  /** Headers on the 200 page. */
  pageHeaders: Header[]
  page(path: string): string
}

function html(title: string, text: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<p>${text}</p>\n</body>\n</html>\n`
}

function fastlyCache(ctx: AppContext): Header[] {
  return [['Via', '1.1 varnish'], ['X-Served-By', `cache-iad-kiad7000${100 + ctx.rng.int(900)}-IAD`], ['X-Cache', 'HIT'], ['X-Cache-Hits', '0']]
}

const CNN: Site = {
  name: 'edition.cnn.com',
  httpsOnly: true,
  // Seen through a sidecar in Istio users' transcripts: retry-after, content-length, cache-control, then location.
  redirectHeaders: [['Server', 'Varnish'], ['Retry-After', '0'], ['Content-Length', '0'], ['Cache-Control', 'public, max-age=600'], ['Location', ''], ['Accept-Ranges', 'bytes'], ['Connection', 'close'], ['Set-Cookie', 'countryCode=US; Domain=.cnn.com; Path=/; SameSite=None; Secure']],
  pageHeaders: [['Content-Type', 'text/html; charset=utf-8'], ['Cache-Control', 'max-age=60'], ['Accept-Ranges', 'bytes'], ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains; preload']],
  page: (path) => path.startsWith('/politics')
    ? html('Politics - CNN', 'CNN Politics: the latest political news and analysis.')
    : html('CNN International - Breaking News, US News, World News and Video', 'The latest news from around the world.'),
}

const GOOGLE: Site = {
  name: 'www.google.com',
  httpsOnly: false,
  redirectHeaders: [],
  pageHeaders: [['Content-Type', 'text/html; charset=ISO-8859-1'], ['Server', 'gws'], ['X-XSS-Protection', '0'], ['X-Frame-Options', 'SAMEORIGIN'], ['Cache-Control', 'private, max-age=0'], ['Expires', '-1']],
  page: () => '<!doctype html><html itemscope="" itemtype="http://schema.org/WebPage" lang="en"><head><meta charset="UTF-8"><title>Google</title></head><body><form action="/search" name="f"><input name="q" title="Google Search"></form></body></html>',
}

const ISTIO_IO: Site = {
  name: 'istio.io',
  httpsOnly: true,
  redirectHeaders: [['Location', ''], ['Content-Type', 'text/plain; charset=utf-8'], ['Server', 'Netlify'], ['X-Nf-Request-Id', '']],
  pageHeaders: [['Content-Type', 'text/html; charset=UTF-8'], ['Server', 'Netlify'], ['Cache-Control', 'public,max-age=0,must-revalidate'], ['Strict-Transport-Security', 'max-age=31536000']],
  page: (path) => path === '/' || path.startsWith('/latest')
    ? html('Istio', 'Simplify observability, traffic management, security, and policy with the leading service mesh.')
    : html('Istio', `The page ${path} is part of the Istio documentation.`),
}

function redirect(site: Site, req: AppRequest, ctx: AppContext): AppResponse {
  const location = `https://${site.name}${req.path}`
  const body = site === ISTIO_IO ? `Redirecting to ${location}` : ''
  const fill = ([k, v]: Header): Header => [k, k === 'Location' ? location : k === 'X-Nf-Request-Id' ? ctx.rng.hex(26).toUpperCase() : v]
  const headers = site.redirectHeaders.map(fill)
  return respond(ctx, { status: 301, body, headers: [...headers, ...(site === CNN ? fastlyCache(ctx) : [])], profile: SERVICE_TIMES.website, dateFirst: true })
}

function siteApp(site: Site): AppModel {
  return {
    name: site.name,
    ports: [80, 443],
    listensOn: (port) => port === 80 || port === 443,
    async handle(req, ctx) {
      if (site.httpsOnly && req.scheme === 'http') return redirect(site, req, ctx)
      const extra = site === CNN ? fastlyCache(ctx) : []
      const res = respond(ctx, { status: 200, body: site.page(pathOnly(req.path)), headers: [...site.pageHeaders, ...extra], profile: SERVICE_TIMES.website, dateFirst: true })
      if (req.method === 'HEAD') res.body = ''
      return res
    },
  }
}

export const cnnApp = siteApp(CNN)
export const googleApp = siteApp(GOOGLE)
export const istioIoApp = siteApp(ISTIO_IO)
