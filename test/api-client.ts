// Calls Next.js route handlers in-process with real Fetch Requests, against a
// real (in-memory PGlite) database: the API's behaviour without a browser.
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip'

export const ORIGIN = 'http://dojo.test'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route declares its own params
type RouteHandler = (req: Request, ctx: { params: Promise<any> }) => Response | Promise<Response>

export interface CallOptions {
  method?: string
  path?: string
  body?: unknown
  rawBody?: string
  session?: string | null
  origin?: string | null
  params?: Record<string, string>
  ip?: string
  headers?: Record<string, string>
}

export async function call(handler: RouteHandler, opts: CallOptions = {}) {
  const method = opts.method ?? (opts.body === undefined && opts.rawBody === undefined ? 'GET' : 'POST')
  const headers: Record<string, string> = { host: 'dojo.test', [CLIENT_IP_HEADER]: opts.ip ?? '203.0.113.9', ...opts.headers }
  if (opts.origin !== null) headers.origin = opts.origin ?? ORIGIN
  if (opts.session) headers.cookie = `${SESSION_COOKIE}=${opts.session}`
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json'
  const req = new Request(`${ORIGIN}${opts.path ?? '/api/test'}`, { method, headers, body })
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) })
  const text = await res.text()
  const json = text ? JSON.parse(text) : null
  return { status: res.status, json, headers: res.headers }
}

/** The session token from a Set-Cookie header. */
export function sessionFrom(headers: Headers): string {
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(headers.get('set-cookie') ?? '')
  if (!match) throw new Error('no session cookie was set')
  return match[1]
}
