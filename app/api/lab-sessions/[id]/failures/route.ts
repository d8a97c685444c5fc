// GET /api/lab-sessions/:id/failures?limit=N: recent failed requests, each with why it failed in words (owner or staff watching).
import { z } from 'zod'
import { ApiError } from '@/lib/api/api-error'
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'

const MAX_FAILURES = 50
const failuresQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_FAILURES).default(20) })

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    const parsed = failuresQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams))
    if (!parsed.success) throw new ApiError('validation_failed', `limit must be a whole number from 1 to ${MAX_FAILURES}.`)
    const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
    if (!driver.capabilities.decisionTrace || !driver.recentFailures) throw new ApiError('not_found', 'This lab driver keeps no decision traces.')
    return Response.json({ failures: await driver.recentFailures(parsed.data.limit) }, { headers: { 'cache-control': 'no-store' } })
  },
  { roles: ROLES },
)
