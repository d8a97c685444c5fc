// /preview/<token>/<path>: a page from inside a lab session (ingress or port-forward), for the workbench's browser preview.
//
// No cookie is read here: the token, granted by the session API after its
// session and role checks, is the capability (lib/lab-sessions/preview-grants.ts).
// Requests go out from 'outside' the cluster, as the learner's own curl does;
// only content-type and accept are passed on, never our cookies; the Referer
// is the last page shown, as a browser would send it.
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { previewGrants } from '@/lib/lab-sessions/preview-grants'
import { PREVIEW_CSP, previewResponse } from '@/lib/lab-sessions/preview-response'

export const dynamic = 'force-dynamic'

const BODY_MAX = 64 * 1024
const PROBE_TIMEOUT_MS = 10_000
const TOKEN = /^[A-Za-z0-9_-]{32}$/

type Params = { params: Promise<{ token: string; path?: string[] }> }

async function serve(req: Request, { params }: Params): Promise<Response> {
  const { token, path = [] } = await params
  const grant = TOKEN.test(token) ? previewGrants().lookup(token) : null
  if (!grant) return notice(404, 'This preview link has expired. Open the address again from the workbench.')
  const driver = await getLabSessions().driverFor(grant.sessionId).catch(() => null)
  if (!driver) return notice(410, 'This lab session has ended.')
  const body = req.method === 'POST' ? await req.text() : undefined
  if (body !== undefined && body.length > BODY_MAX) return notice(413, 'The form is too large for the preview.')
  const search = new URL(req.url).search
  const url = `${grant.origin}/${path.map(encodeURIComponent).join('/')}${search}`
  const headers: Record<string, string> = { accept: req.headers.get('accept') ?? '*/*' }
  const type = req.headers.get('content-type')
  if (type) headers['content-type'] = type
  if (grant.lastPage) headers.referer = grant.lastPage
  const result = await driver.probeHttp('outside', { url, method: req.method, headers, body, timeoutMs: PROBE_TIMEOUT_MS })
  if (req.method === 'GET' && /text\/html/i.test(result.headers['content-type'] ?? '')) grant.lastPage = url
  return previewResponse(result, `/preview/${token}`, grant.origin)
}

function notice(status: number, text: string): Response {
  const page = `<!doctype html><meta charset="utf-8"><title>Preview</title><p style="font-family:sans-serif">${text}</p>`
  return new Response(page, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PREVIEW_CSP, 'cache-control': 'no-store' } })
}

export const GET = serve
export const POST = serve
