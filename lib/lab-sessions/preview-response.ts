// A preview page as the browser gets it: the probed response, its root-relative links kept under /preview/<token>/, in a locked-down sandbox.
import type { HttpProbeResult } from '@/lab-engine/drivers/cluster-driver'

export const PREVIEW_URL_MAX = 2_048
/** Largest page the preview passes on. */
export const PREVIEW_BODY_MAX = 2 * 1024 * 1024

/**
 * CSP for learner-controlled pages: `sandbox` without allow-same-origin and
 * without allow-scripts makes the document an opaque origin even when opened
 * outside the iframe, so it can neither read cookies nor script our pages.
 */
export const PREVIEW_CSP = [
  'sandbox allow-forms',
  "default-src 'none'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ')

/** The origin and path of an address typed into the preview's address bar, or an error message. */
export function parsePreviewAddress(raw: string): { origin: string; path: string } | { error: string } {
  const text = raw.trim()
  if (text.length === 0 || text.length > PREVIEW_URL_MAX) return { error: `Type an address of 1 to ${PREVIEW_URL_MAX} characters.` }
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
  } catch {
    return { error: `"${text}" is not a web address.` }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'The preview opens http:// and https:// addresses only.' }
  if (url.username || url.password) return { error: 'Addresses with a user name or password are not supported.' }
  return { origin: url.origin, path: `${url.pathname}${url.search}` }
}

/** Rewrites root-relative href/src/action attributes so the page's own links stay inside the preview. */
export function keepLinksInPreview(html: string, prefix: string): string {
  return html.replace(/\b(href|src|action)=(["'])\/(?!\/)/gi, (_m, attr: string, quote: string) => `${attr}=${quote}${prefix}/`)
}

/** Upstream headers the preview passes on (never set-cookie: the page's origin is ours). */
const PASSED_HEADERS = ['content-type', 'location', 'last-modified', 'etag']

export function previewResponse(result: HttpProbeResult, prefix: string, origin: string): Response {
  if (result.status === 0) return failurePage(result)
  const headers = new Headers(securityHeaders())
  for (const name of PASSED_HEADERS) {
    const value = result.headers[name]
    if (value !== undefined) headers.set(name, name === 'location' ? relocate(value, prefix, origin) : value)
  }
  const html = /text\/html/i.test(result.headers['content-type'] ?? '')
  const body = result.body.length > PREVIEW_BODY_MAX ? result.body.slice(0, PREVIEW_BODY_MAX) : result.body
  return new Response(html ? keepLinksInPreview(body, prefix) : body, { status: result.status, headers })
}

/** A redirect to the same origin stays in the preview; elsewhere it is shown, not followed. */
function relocate(location: string, prefix: string, origin: string): string {
  if (location.startsWith('/') && !location.startsWith('//')) return `${prefix}${location}`
  if (location.startsWith(`${origin}/`)) return `${prefix}${location.slice(origin.length)}`
  return location
}

function failurePage(result: HttpProbeResult): Response {
  const text = `The page could not be loaded (curl exit ${result.curlExit}${result.body ? `: ${result.body.trim()}` : ''}).`
  const page = `<!doctype html><meta charset="utf-8"><title>Preview error</title><p style="font-family:sans-serif">${escapeHtml(text)}</p>`
  return new Response(page, { status: 502, headers: { ...securityHeaders(), 'content-type': 'text/html; charset=utf-8' } })
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': PREVIEW_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-resource-policy': 'same-origin',
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
