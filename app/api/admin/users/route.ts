// GET /api/admin/users?q=&page=: accounts, for admins.
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { listUsers } from '@/lib/users/admin-users'

export const GET = withRole(
  async (req) => {
    const url = new URL(req.url)
    const page = Number(url.searchParams.get('page') ?? '1')
    const result = await listUsers(getPrisma(), {
      query: url.searchParams.get('q') ?? undefined,
      page: Number.isFinite(page) ? page : 1,
    })
    return Response.json(result)
  },
  { roles: rolesWith('users:manage') },
)
