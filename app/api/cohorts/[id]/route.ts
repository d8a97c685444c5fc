// GET /api/cohorts/:id: the cohort, its invitation link and members (its staff, admins).
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { cohortForStaff, inviteUrl } from '@/lib/cohorts/cohorts'
import { getPrisma } from '@/lib/db/global'
import { publicOrigin } from '@/lib/http/public-origin'

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const cohort = await cohortForStaff(getPrisma(), user, requireId(params.id, 'cohort'))
    return Response.json({
      cohort: { id: cohort.id, name: cohort.name, description: cohort.description, createdAt: cohort.createdAt },
      inviteUrl: inviteUrl(publicOrigin(req), cohort.inviteCode),
      members: cohort.memberships.map((m) => ({ ...m.user, cohortRole: m.role, joinedAt: m.joinedAt })),
    })
  },
  { roles: rolesWith('cohorts:view') },
)
