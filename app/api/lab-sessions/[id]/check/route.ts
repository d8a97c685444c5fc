// POST /api/lab-sessions/:id/check: grade the tasks now (the "Check" button); returns the progress (owner).
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabAttempts } from '@/lib/lab-sessions/engine'

export const POST = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    return Response.json(await asApiErrors(() => getLabAttempts().check(stored.id)))
  },
  { roles: rolesWith('labs:use') },
)
