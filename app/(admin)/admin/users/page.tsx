// Admin: every account, with its role (changes are audited).
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { listUsers } from '@/lib/users/admin-users'
import { UsersClient } from './users-client'

export const metadata = { title: 'Users' }

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireUser(rolesWith('users:manage'), '/admin/users')
  const sp = await searchParams
  const query = typeof sp.q === 'string' ? sp.q : ''
  const page = Number(typeof sp.page === 'string' ? sp.page : '1') || 1
  const result = await listUsers(getPrisma(), { query, page })
  return (
    <>
      <PageHeader title="Users" description={`${result.total} account${result.total === 1 ? '' : 's'}. Roles decide what each person can open.`} />
      <UsersClient
        meId={me.id}
        query={query}
        page={result.page}
        pages={Math.max(1, Math.ceil(result.total / result.pageSize))}
        users={result.users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString() }))}
      />
    </>
  )
}
