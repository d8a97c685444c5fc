// GET /api/modules/:slug/answers: my stored quiz answers in a module, with their explanations.
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { answersFor } from '@/lib/content/quiz-answers'
import { getPrisma } from '@/lib/db/global'

export const GET = withRole<{ slug: string }>(
  async (_req, { params, user }) => Response.json({ answers: await answersFor(getPrisma(), user.id, params.slug) }),
  { roles: ROLES },
)
