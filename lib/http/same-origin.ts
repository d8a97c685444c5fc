// Cross-site request defence: a state-changing request must come from our own
// origin (Origin header), or from a same-origin fetch (Sec-Fetch-Site).

export interface OriginHeaders {
  origin?: string | null
  host?: string | null
  forwardedProto?: string | null
  secFetchSite?: string | null
}

/** Origins allowed besides the request's own host, e.g. APP_ORIGIN behind a proxy. */
export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.APP_ORIGIN ?? '').split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean)
}

export function isSameOrigin(h: OriginHeaders, extra: string[] = allowedOrigins()): boolean {
  if (!h.origin) return h.secFetchSite === 'same-origin' || h.secFetchSite === 'none'
  if (h.origin === 'null' || !h.host) return false
  let origin: URL
  try {
    origin = new URL(h.origin)
  } catch {
    return false
  }
  if (extra.includes(origin.origin)) return true
  return origin.host === h.host
}

export function originHeadersOf(headers: Headers): OriginHeaders {
  return {
    origin: headers.get('origin'),
    host: headers.get('host'),
    forwardedProto: headers.get('x-forwarded-proto'),
    secFetchSite: headers.get('sec-fetch-site'),
  }
}
