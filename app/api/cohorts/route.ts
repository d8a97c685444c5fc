// GET /api/cohorts: my cohorts (admins: all). POST: create one (instructors, admins).
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { ROLES, rolesWith } from '@/lib/auth/roles'
import { createCohort, inviteUrl, listCohortsFor } from '@/lib/cohorts/cohorts'
import { createCohortInput } from '@/lib/cohorts/schemas'
import { getPrisma } from '@/lib/db/global'
import { publicOrigin } from '@/lib/http/public-origin'

export const GET = withRole(
  async (_req, { user }) => {
    const cohorts = await listCohortsFor(getPrisma(), user)
    return Response.json({
      cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, description: c.description, members: c._count.memberships, myRole: c.memberships[0]?.role ?? null })),
    })
  },
  { roles: ROLES },
)

export const POST = withRole(
  async (req, { user }) => {
    const input = await readJson(req, createCohortInput)
    const cohort = await createCohort(getPrisma(), user, input)
    return Response.json(
      { cohort: { id: cohort.id, name: cohort.name, description: cohort.description }, inviteUrl: inviteUrl(publicOrigin(req), cohort.inviteCode) },
      { status: 201 },
    )
  },
  { roles: rolesWith('cohorts:manage') },
)
