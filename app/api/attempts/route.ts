// GET /api/attempts?cohort=&lab=&state=&cursor=: the grading queue (submitted first, oldest first), for graders of the learners' cohorts and admins.
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { attemptQueue, parseQueueQuery } from '@/lib/grading/attempt-queue'

export const GET = withRole(
  async (req, { user }) => {
    const query = parseQueueQuery(new URL(req.url).searchParams)
    return Response.json(await attemptQueue(getPrisma(), user, query), { headers: { 'cache-control': 'no-store' } })
  },
  { roles: rolesWith('grades:review') },
)
