// POST /api/lab-sessions/:id/extend: move the deadline on, up to the maximum duration (owner).
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'

export const POST = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const manager = getLabSessions()
    return Response.json({ session: manager.view(await asApiErrors(() => manager.extend(stored.id))) })
  },
  { roles: rolesWith('labs:use') },
)
