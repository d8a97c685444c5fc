// GET /api/cohorts/:id/labs/:slug/stats: completion rate, median time to complete, failing checks and hints used (staff, admins).
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { labStats } from '@/lib/cohorts/lab-stats'
import { getPrisma } from '@/lib/db/global'

export const GET = withRole<{ id: string; slug: string }>(
  async (_req, { params, user }) => {
    const stats = await labStats(getPrisma(), user, requireId(params.id, 'cohort'), params.slug)
    return Response.json(stats, { headers: { 'cache-control': 'no-store' } })
  },
  { roles: rolesWith('cohorts:view') },
)
