// PATCH /api/cohorts/:id/assignments/:assignmentId: change the due date; DELETE: remove it (the cohort's instructors, admins).
import { readJson } from '@/lib/api/read-json'
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { updateAssignmentInput } from '@/lib/cohorts/assignment-schemas'
import { deleteAssignment, updateAssignment } from '@/lib/cohorts/assignments'
import { getPrisma } from '@/lib/db/global'

type Params = { id: string; assignmentId: string }

export const PATCH = withRole<Params>(
  async (req, { params, user }) => {
    const [cohortId, assignmentId] = [requireId(params.id, 'cohort'), requireId(params.assignmentId, 'assignment')]
    const input = await readJson(req, updateAssignmentInput)
    return Response.json({ assignment: await updateAssignment(getPrisma(), user, cohortId, assignmentId, input) })
  },
  { roles: rolesWith('cohorts:manage') },
)

export const DELETE = withRole<Params>(
  async (_req, { params, user }) => {
    await deleteAssignment(getPrisma(), user, requireId(params.id, 'cohort'), requireId(params.assignmentId, 'assignment'))
    return new Response(null, { status: 204 })
  },
  { roles: rolesWith('cohorts:manage') },
)
