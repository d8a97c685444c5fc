// PATCH /api/admin/users/:id { role }: change a user's role (audited).
import { requireId } from '@/lib/api/ids'
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { roleChangeInput } from '@/lib/auth/schemas'
import { getPrisma } from '@/lib/db/global'
import { changeRole } from '@/lib/users/admin-users'

export const PATCH = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const id = requireId(params.id, 'user')
    const { role } = await readJson(req, roleChangeInput)
    const updated = await changeRole(getPrisma(), user, id, role)
    return Response.json({ user: { id: updated.id, email: updated.email, name: updated.name, role: updated.role } })
  },
  { roles: rolesWith('users:manage') },
)
