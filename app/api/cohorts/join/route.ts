// POST /api/cohorts/join { code }: join a cohort through its invitation link.
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { joinCohort } from '@/lib/cohorts/cohorts'
import { joinCohortInput } from '@/lib/cohorts/schemas'
import { getPrisma } from '@/lib/db/global'

export const POST = withRole(
  async (req, { user }) => {
    const { code } = await readJson(req, joinCohortInput)
    const { cohort, membership } = await joinCohort(getPrisma(), user, code)
    return Response.json({ cohort: { id: cohort.id, name: cohort.name }, role: membership.role })
  },
  { roles: rolesWith('cohorts:join') },
)
