// GET /api/me: the signed-in user and role.
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'

export const GET = withRole(async (_req, { user, session }) => Response.json({ user, expiresAt: session.expiresAt }), {
  roles: ROLES,
})
