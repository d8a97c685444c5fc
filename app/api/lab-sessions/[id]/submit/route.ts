// POST /api/lab-sessions/:id/submit: the final grade of the current state; the attempt is then graded (owner).
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabAttempts } from '@/lib/lab-sessions/engine'

export const POST = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    return Response.json(await asApiErrors(() => getLabAttempts().submit(stored.id)))
  },
  { roles: rolesWith('labs:use') },
)
