// POST /api/lab-sessions/:id/preview {address}: a preview grant for that address (owner or staff watching). GET: the address to start from.
import { z } from 'zod'
import { ApiError } from '@/lib/api/api-error'
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { ingressAddress } from '@/lab-engine/grader/grade-lab'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { previewGrants } from '@/lib/lab-sessions/preview-grants'
import { parsePreviewAddress, PREVIEW_URL_MAX } from '@/lib/lab-sessions/preview-response'

const previewInput = z.object({ address: z.string().max(PREVIEW_URL_MAX, `An address is at most ${PREVIEW_URL_MAX} characters.`) })

export const POST = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    const { address } = await readJson(req, previewInput)
    const parsed = parsePreviewAddress(address)
    if ('error' in parsed) throw new ApiError('validation_failed', parsed.error)
    await asApiErrors(() => getLabSessions().driverFor(stored.id))
    const token = previewGrants().grant(stored.id, parsed.origin)
    return Response.json({ src: `/preview/${token}${parsed.path}`, address: `${parsed.origin}${parsed.path}` }, { status: 201 })
  },
  { roles: ROLES },
)

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
    const ingress = await ingressAddress(driver).catch(() => null)
    return Response.json({ ingress: ingress ? `http://${ingress.host}${ingress.httpPort === 80 ? '' : `:${ingress.httpPort}`}` : null })
  },
  { roles: ROLES },
)
