// GET /api/lab-sessions/:id/progress: the lab's tasks with their ticks, revealed hints and the attempt's state (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabAttempts } from '@/lib/lab-sessions/engine'

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    return Response.json(await asApiErrors(() => getLabAttempts().progress(stored.id)))
  },
  { roles: ROLES },
)
