// GET /api/cohorts/:id/progress.csv?q=&state=&column=: the whole filtered progress matrix as CSV (its staff, admins).
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { csvFileName, matrixCsv } from '@/lib/cohorts/matrix-csv'
import { parseMatrixQuery } from '@/lib/cohorts/matrix-query'
import { fullMatrix } from '@/lib/cohorts/progress-matrix'
import { getPrisma } from '@/lib/db/global'

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const cohortId = requireId(params.id, 'cohort')
    const query = parseMatrixQuery(new URL(req.url).searchParams)
    const { cohort, columns, rows } = await fullMatrix(getPrisma(), user, cohortId, query)
    return new Response(matrixCsv(columns, rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${csvFileName(cohort.name)}"`,
        'cache-control': 'no-store',
      },
    })
  },
  { roles: rolesWith('cohorts:view') },
)
