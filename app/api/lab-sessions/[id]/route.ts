// GET /api/lab-sessions/:id: one session (owner, or staff watching). DELETE: stop it (owner).
import { withRole } from '@/lib/api/with-role'
import { ROLES, rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    return Response.json({ session: getLabSessions().view(stored) })
  },
  { roles: ROLES },
)

export const DELETE = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const manager = getLabSessions()
    return Response.json({ session: manager.view(await asApiErrors(() => manager.stop(stored.id))) })
  },
  { roles: rolesWith('labs:use') },
)
