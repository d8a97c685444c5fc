// GET /api/cohorts/:id/assignments: the cohort's assignments; POST: assign a module or lab (its instructors, admins).
import { readJson } from '@/lib/api/read-json'
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { createAssignmentInput } from '@/lib/cohorts/assignment-schemas'
import { createAssignment, listAssignments } from '@/lib/cohorts/assignments'
import { getPrisma } from '@/lib/db/global'

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const assignments = await listAssignments(getPrisma(), user, requireId(params.id, 'cohort'))
    return Response.json({ assignments })
  },
  { roles: rolesWith('cohorts:manage') },
)

export const POST = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const cohortId = requireId(params.id, 'cohort')
    const input = await readJson(req, createAssignmentInput)
    const assignment = await createAssignment(getPrisma(), user, cohortId, input)
    return Response.json({ assignment }, { status: 201 })
  },
  { roles: rolesWith('cohorts:manage') },
)
