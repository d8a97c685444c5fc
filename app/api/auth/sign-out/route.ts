// POST /api/auth/sign-out: end this browser's session (idempotent).
import { withRole } from '@/lib/api/with-role'
import { endSessionCookie } from '@/lib/auth/session-response'
import { getPrisma } from '@/lib/db/global'

export const POST = withRole(
  async (req, { session }) => {
    if (session) await getPrisma().session.deleteMany({ where: { id: session.sessionId } })
    return new Response(null, { status: 204, headers: { 'set-cookie': endSessionCookie(req) } })
  },
  { public: true },
)
