// The request fortio's fast client sends for a target URL and flags (fhttp.HTTPOptions and NewFastClient).
//
// fortio assumes http:// when the scheme is missing (and warns), sends
// `GET <path> HTTP/1.1`, a `Host:` header with the URL's host and port as written,
// then its other headers in Go's sorted order: `User-Agent: fortio.org/fortio-<version>`
// unless -H replaces it, the -H extras (names canonicalised: `x-foo` -> `X-Foo`), and
// for a payload Content-Length and Content-Type (which make it a POST; -X overrides
// the method). `-keepalive=false` adds `Connection: close`.

import type { HttpRequest } from '../../curl/transport'
import { parseUrl } from '../../curl/url'

export interface TargetOptions {
  headers: readonly string[]
  payload: string
  contentType: string
  method: string
  keepAlive: boolean
  insecure: boolean
  timeoutMs: number
  userAgent: string
  user: string
  resolveIp: string
}

export type Target =
  | { kind: 'ok'; url: string; request: HttpRequest; assumedHttp: boolean; /** The URL as HTTPOptions keeps it: trimmed, with the scheme fortio assumed. */ href: string }
  | { kind: 'error'; message: string }

/** Go's textproto.CanonicalMIMEHeaderKey. */
export function canonicalHeader(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())
}

export function buildTarget(raw: string, o: TargetOptions): Target {
  const trimmed = raw.replace(/^[ \t\r\n]+/, '')
  const hasScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(trimmed)
  const url = hasScheme ? trimmed : `http://${trimmed}`
  const parsed = parseUrl(url)
  if (parsed.kind === 'error') return { kind: 'error', message: `parse "${url}": invalid URL` }
  const u = parsed.url
  const authority = url.slice(url.indexOf('://') + 3).split(/[/?#]/)[0]!.replace(/^.*@/, '')
  let host = authority
  const extra: [string, string][] = [['User-Agent', o.userAgent]]
  for (const h of o.headers) {
    const colon = h.indexOf(':')
    if (colon <= 0) return { kind: 'error', message: `invalid -H ${JSON.stringify(h)}, expecting key:value` }
    const name = canonicalHeader(h.slice(0, colon).trim())
    const value = h.slice(colon + 1).trim()
    if (name === 'Host') { host = value; continue }
    if (name === 'User-Agent') { extra[0] = [name, value]; continue }
    extra.push([name, value])
  }
  if (o.user) extra.push(['Authorization', `Basic ${btoa(o.user)}`])
  const body = o.payload !== '' ? o.payload : undefined
  const method = o.method || (body !== undefined || o.contentType !== '' ? 'POST' : 'GET')
  if (body !== undefined) extra.push(['Content-Length', String(new TextEncoder().encode(body).length)])
  if (o.contentType !== '' || body !== undefined) extra.push(['Content-Type', o.contentType || 'application/octet-stream'])
  extra.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const headers: [string, string][] = [['Host', host]]
  if (!o.keepAlive) headers.push(['Connection', 'close'])
  headers.push(...extra)
  const resolve = o.resolveIp ? [{ host: u.host, port: u.port, address: o.resolveIp }] : []
  const request: HttpRequest = {
    method, scheme: u.scheme, host: u.host, port: u.port, path: u.path, headers, body, resolve,
    connectTimeoutMs: o.timeoutMs, maxTimeMs: o.timeoutMs, insecure: o.insecure,
  }
  return { kind: 'ok', url: raw, request, assumedHttp: !hasScheme, href: url }
}
