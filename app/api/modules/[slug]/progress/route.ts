// POST /api/modules/:slug/progress { section }: I read this section; returns the module's progress. GET: the module's progress.
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { courseProgress, recordSectionRead } from '@/lib/content/module-progress'
import { sectionReadInput } from '@/lib/content/schemas'
import { getPrisma } from '@/lib/db/global'
import { ApiError } from '@/lib/api/api-error'

export const POST = withRole<{ slug: string }>(
  async (req, { params, user }) => {
    const { section } = await readJson(req, sectionReadInput)
    return Response.json({ progress: await recordSectionRead(getPrisma(), user.id, params.slug, section) })
  },
  { roles: ROLES },
)

export const GET = withRole<{ slug: string }>(
  async (_req, { params, user }) => {
    const [progress] = await courseProgress(getPrisma(), user.id, [params.slug])
    if (!progress) throw new ApiError('not_found', 'No such module.')
    return Response.json({ progress })
  },
  { roles: ROLES },
)
