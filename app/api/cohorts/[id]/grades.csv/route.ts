// GET /api/cohorts/:id/grades.csv: the cohort's grades, one row per learner and lab (latest graded attempt), for its graders and admins.
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { cohortForGrader } from '@/lib/grading/attempt-access'
import { gradesCsv } from '@/lib/grading/grades-csv'

/** A file name made of the cohort's name: letters, digits and dashes only. */
function fileName(cohort: string): string {
  const base = cohort.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'cohort'
  return `${base}-grades.csv`
}

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const prisma = getPrisma()
    const cohort = await cohortForGrader(prisma, user, params.id)
    return new Response(await gradesCsv(prisma, cohort.id), {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${fileName(cohort.name)}"`,
        'cache-control': 'no-store',
      },
    })
  },
  { roles: rolesWith('grades:review') },
)
