// POST /api/modules/:slug/quizzes/:quizId { choices: number[] }: grade my answer, store it, return every choice's explanation.
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { answerQuiz } from '@/lib/content/quiz-answers'
import { quizAnswerInput } from '@/lib/content/schemas'
import { getPrisma } from '@/lib/db/global'

export const POST = withRole<{ slug: string; quizId: string }>(
  async (req, { params, user }) => {
    const { choices } = await readJson(req, quizAnswerInput)
    return Response.json({ result: await answerQuiz(getPrisma(), user.id, params.slug, params.quizId, choices) })
  },
  { roles: ROLES },
)
