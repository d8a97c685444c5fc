// GET /api/attempts/:id/recordings/:rid.cast: one terminal recording of the attempt as an asciicast v2 file (size-capped).
import { ApiError } from '@/lib/api/api-error'
import { requireId } from '@/lib/api/ids'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { attemptIdForGrader } from '@/lib/grading/attempt-access'
import { recordingText } from '@/lib/grading/recording-text'

export const GET = withRole<{ id: string; rid: string }>(
  async (_req, { params, user }) => {
    const prisma = getPrisma()
    const id = await attemptIdForGrader(prisma, user, params.id)
    if (!params.rid?.endsWith('.cast')) throw new ApiError('not_found', 'Recordings are served as <id>.cast.')
    const rid = requireId(params.rid.slice(0, -'.cast'.length), 'recording')
    const text = await recordingText(prisma, id, rid)
    return new Response(text, {
      headers: {
        'content-type': 'application/x-asciicast; charset=utf-8',
        'content-disposition': `inline; filename="${rid}.cast"`,
        'cache-control': 'private, no-store',
      },
    })
  },
  { roles: rolesWith('grades:review') },
)
