// GET /api/learners/:userId/quiz-answers: a learner's knowledge-check answers in every module, for staff of their cohorts.
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { quizReview } from '@/lib/content/quiz-review'
import { getPrisma } from '@/lib/db/global'
import { learnerForStaff } from '@/lib/learners/staff-learners'

export const GET = withRole<{ userId: string }>(
  async (_req, { params, user }) => {
    const prisma = getPrisma()
    const learner = await learnerForStaff(prisma, user, params.userId)
    return Response.json({ learner, modules: await quizReview(prisma, learner.id) })
  },
  { roles: rolesWith('cohorts:view') },
)
