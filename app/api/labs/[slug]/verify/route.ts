// POST /api/labs/:slug/verify: run the lab's honesty gate on the sim from the working tree (instructors and admins).
import { ApiError } from '@/lib/api/api-error'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { verifyLab } from '@/lib/content/lab-preview'

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/

export const POST = withRole<{ slug: string }>(
  async (_req, { params }) => {
    if (!SLUG.test(params.slug)) throw new ApiError('not_found', 'No such lab.')
    return Response.json({ verification: await verifyLab(params.slug) })
  },
  { roles: rolesWith('content:preview') },
)
