// GET /api/attempts/:id: one attempt with its check results by task, hints used, command timeline, recordings and override history.
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { attemptDetail } from '@/lib/grading/attempt-detail'

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    return Response.json({ attempt: await attemptDetail(getPrisma(), user, params.id) }, { headers: { 'cache-control': 'no-store' } })
  },
  { roles: rolesWith('grades:review') },
)
