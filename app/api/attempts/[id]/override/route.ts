// POST /api/attempts/:id/override {score, comment}: a grader's manual score, audited (who, when, before, after, comment).
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { attemptIdForGrader } from '@/lib/grading/attempt-access'
import { overrideSchema } from '@/lib/grading/override-schema'
import { overrideScore } from '@/lib/grading/score-override'

/** A score and a comment; nothing bigger is a real request. */
const OVERRIDE_BODY_MAX_BYTES = 16 * 1024

export const POST = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const prisma = getPrisma()
    const id = await attemptIdForGrader(prisma, user, params.id)
    const input = await readJson(req, overrideSchema, OVERRIDE_BODY_MAX_BYTES)
    return Response.json({ override: await overrideScore(prisma, user, id, input) })
  },
  { roles: rolesWith('grades:review') },
)
