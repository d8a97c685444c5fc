// POST /api/lab-sessions/:id/hints { taskId }: reveal the task's next hint; its use is recorded for graders (owner).
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabAttempts } from '@/lib/lab-sessions/engine'
import { hintRequestInput } from '@/lib/lab-sessions/schemas'

export const POST = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const { taskId } = await readJson(req, hintRequestInput)
    return Response.json({ hint: await asApiErrors(() => getLabAttempts().useHint(stored.id, taskId)) })
  },
  { roles: rolesWith('labs:use') },
)
