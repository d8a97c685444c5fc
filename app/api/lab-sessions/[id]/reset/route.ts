// POST /api/lab-sessions/:id/reset: back to the lab's starting state (owner).
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'

export const POST = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const manager = getLabSessions()
    return Response.json({ session: manager.view(await asApiErrors(() => manager.reset(stored.id))) })
  },
  { roles: rolesWith('labs:use') },
)
