// URLs as curl reads them: scheme optional (http guessed), host, optional port, path and query.
//
// Error wording follows curl 8.x's URL API: `curl: (3) URL rejected: ...`, and
// `curl: (1) Protocol "x" not supported` for schemes it was not built with.

export interface ParsedUrl {
  scheme: 'http' | 'https'
  host: string
  port: number
  /** Path plus query, starting with "/"; the fragment is dropped as curl does. */
  path: string
}

export type UrlResult = { kind: 'ok'; url: ParsedUrl } | { kind: 'error'; exitCode: number; message: string }

const MAX_URL_CHARS = 8 * 1024

export function parseUrl(raw: string): UrlResult {
  if (raw.length > MAX_URL_CHARS) return { kind: 'error', exitCode: 3, message: 'URL rejected: Malformed input to a URL function' }
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(raw)
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'http'
  if (scheme !== 'http' && scheme !== 'https') return { kind: 'error', exitCode: 1, message: `Protocol "${schemeMatch![1]}" not supported` }
  const rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw
  const cut = rest.search(/[/?#]/)
  const authority = cut < 0 ? rest : rest.slice(0, cut)
  let pathPart = cut < 0 ? '' : rest.slice(cut)
  pathPart = pathPart.split('#')[0]!
  if (pathPart.startsWith('?')) pathPart = '/' + pathPart
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  const colon = hostPort.lastIndexOf(':')
  const host = (colon < 0 ? hostPort : hostPort.slice(0, colon)).toLowerCase()
  const portText = colon < 0 ? '' : hostPort.slice(colon + 1)
  if (!host) return { kind: 'error', exitCode: 3, message: 'URL rejected: No host part in the URL' }
  if (!/^[a-z0-9.-]+$/.test(host)) return { kind: 'error', exitCode: 3, message: 'URL rejected: Bad hostname' }
  if (portText && (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)) {
    return { kind: 'error', exitCode: 3, message: 'URL rejected: Port number was not a decimal number between 0 and 65535' }
  }
  const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80
  if (/\s/.test(pathPart)) return { kind: 'error', exitCode: 3, message: 'URL rejected: Malformed input to a URL function' }
  return { kind: 'ok', url: { scheme, host, port, path: pathPart || '/' } }
}

/** The URL as curl reports it (%{url_effective}): scheme added, default port left out. */
export function formatUrl(u: ParsedUrl): string {
  const defaultPort = u.scheme === 'https' ? 443 : 80
  return `${u.scheme}://${u.host}${u.port === defaultPort ? '' : `:${u.port}`}${u.path}`
}

/** Resolves a Location header against the current URL (absolute, absolute-path or relative). */
export function resolveLocation(base: ParsedUrl, location: string): UrlResult {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(location)) return parseUrl(location)
  if (location.startsWith('/')) return { kind: 'ok', url: { ...base, path: location } }
  const dir = base.path.split('?')[0]!.replace(/[^/]*$/, '')
  return { kind: 'ok', url: { ...base, path: dir + location } }
}
