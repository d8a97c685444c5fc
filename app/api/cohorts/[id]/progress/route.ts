// GET /api/cohorts/:id/progress?q=&state=&column=&page=: one page of the cohort's progress matrix (its staff, admins).
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { parseMatrixQuery } from '@/lib/cohorts/matrix-query'
import { progressMatrix } from '@/lib/cohorts/progress-matrix'
import { getPrisma } from '@/lib/db/global'

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const cohortId = requireId(params.id, 'cohort')
    const query = parseMatrixQuery(new URL(req.url).searchParams)
    const matrix = await progressMatrix(getPrisma(), user, cohortId, query)
    return Response.json(matrix, { headers: { 'cache-control': 'no-store' } })
  },
  { roles: rolesWith('cohorts:view') },
)
