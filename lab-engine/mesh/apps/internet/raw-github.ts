// raw.githubusercontent.com serving Istio's published JWT test material (security/tools/jwt/samples).
//
// Istio's JWT tasks fetch `https://raw.githubusercontent.com/istio/istio/release-1.26/security/tools/jwt/samples/demo.jwt`
// (and groups-scope.jwt) and point `jwksUri` at jwks.json on the same path.
// The files are served for `master` and every `release-1.N` branch and
// `1.N.P` tag. Anything else is GitHub's plain `404: Not Found`; http
// redirects to https with a 301, as GitHub's front end does.

import { pathOnly } from '../http-util'
import { respond } from '../respond'
import { SERVICE_TIMES } from '../service-time'
import type { AppContext, AppModel, AppRequest, AppResponse, Header } from '../types'
import { DEMO_JWT, GROUPS_SCOPE_JWT, SAMPLE_JWKS_JSON } from '../jwt-samples'

const SAMPLES: Record<string, string> = { 'demo.jwt': DEMO_JWT, 'groups-scope.jwt': GROUPS_SCOPE_JWT, 'jwks.json': SAMPLE_JWKS_JSON }
const REF = /^(master|release-1\.\d+|1\.\d+\.\d+)$/

/** The served file for a path, or undefined. */
export function rawGithubFile(path: string): string | undefined {
  const m = /^\/istio\/istio\/([^/]+)\/security\/tools\/jwt\/samples\/([^/]+)$/.exec(path)
  if (!m || !REF.test(m[1]!)) return undefined
  return SAMPLES[m[2]!]
}

/** A content hash for the ETag, as GitHub sends a quoted hex digest. */
function etag(body: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193)
  return `"${(h >>> 0).toString(16).padStart(8, '0').repeat(8)}"`
}

function github(ctx: AppContext, status: number, body: string, headers: Header[]): AppResponse {
  const common: Header[] = [['Via', '1.1 varnish'], ['X-Served-By', `cache-iad-kiad7000${100 + ctx.rng.int(900)}-IAD`], ['X-Cache', 'MISS']]
  return respond(ctx, { status, body, headers: [...headers, ...common], profile: SERVICE_TIMES.website })
}

async function handle(req: AppRequest, ctx: AppContext): Promise<AppResponse> {
  if (req.scheme === 'http') {
    return github(ctx, 301, '', [['Location', `https://raw.githubusercontent.com${req.path}`], ['Server', 'Varnish'], ['Retry-After', '0'], ['Connection', 'close']])
  }
  const file = rawGithubFile(pathOnly(req.path))
  if (file === undefined) {
    return github(ctx, 404, '404: Not Found', [['Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox"], ['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']])
  }
  const res = github(ctx, 200, file, [
    ['Cache-Control', 'max-age=300'], ['Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox"],
    ['Content-Type', 'text/plain; charset=utf-8'], ['ETag', etag(file)], ['Strict-Transport-Security', 'max-age=31536000'],
    ['X-Content-Type-Options', 'nosniff'], ['X-Frame-Options', 'deny'], ['Accept-Ranges', 'bytes'],
  ])
  if (req.method === 'HEAD') res.body = ''
  return res
}

export const rawGithubApp: AppModel = {
  name: 'raw.githubusercontent.com',
  ports: [80, 443],
  listensOn: (port) => port === 80 || port === 443,
  handle,
}
