// DELETE /api/cohorts/:id/members/:userId: remove a member (the cohort's staff, admins).
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { removeMember } from '@/lib/cohorts/cohorts'
import { getPrisma } from '@/lib/db/global'

export const DELETE = withRole<{ id: string; userId: string }>(
  async (_req, { params, user }) => {
    await removeMember(getPrisma(), user, requireId(params.id, 'cohort'), requireId(params.userId, 'member'))
    return new Response(null, { status: 204 })
  },
  { roles: rolesWith('cohorts:manage') },
)
