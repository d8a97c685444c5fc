'use client'
// The users table: search, paging, and a role select per row.
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { ROLES, ROLE_LABELS, type Role } from '@/lib/auth/roles'
import { sendJson } from '@/lib/client/post-json'

interface UserRow {
  id: string
  email: string
  name: string
  role: Role
  createdAt: string
}

interface Props {
  meId: string
  query: string
  page: number
  pages: number
  users: UserRow[]
}

export function UsersClient({ meId, query, page, pages, users }: Props) {
  const router = useRouter()
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null)

  async function changeRole(user: UserRow, role: Role) {
    setStatus(null)
    const result = await sendJson('PATCH', `/api/admin/users/${user.id}`, { role })
    if (!result.ok) return setStatus({ tone: 'error', text: result.message })
    setStatus({ tone: 'ok', text: `${user.name} is now ${ROLE_LABELS[role].toLowerCase()}.` })
    router.refresh()
  }

  return (
    <div className="space-y-4">
      <form role="search" className="flex gap-2" action="/admin/users">
        <label htmlFor="user-search" className="sr-only">Search users</label>
        <input id="user-search" name="q" defaultValue={query} className="input max-w-sm" placeholder="Search by name or email" maxLength={100} />
        <button type="submit" className="btn-secondary">Search</button>
      </form>
      <p role="status" className={status?.tone === 'error' ? 'text-sm text-red-600' : 'text-sm text-green-700 dark:text-green-400'}>
        {status?.text ?? ''}
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Email</th>
              <th scope="col" className="px-4 py-2">Joined</th>
              <th scope="col" className="px-4 py-2">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200 dark:border-slate-800" data-testid={`user-row-${u.email}`}>
                <td className="px-4 py-2">{u.name}</td>
                <td className="px-4 py-2">{u.email}</td>
                <td className="px-4 py-2">{new Date(u.createdAt).toLocaleDateString()}</td>
                <td className="px-4 py-2">
                  <select
                    aria-label={`Role of ${u.email}`}
                    className="input w-auto py-1"
                    value={u.role}
                    disabled={u.id === meId}
                    title={u.id === meId ? 'You cannot change your own role' : undefined}
                    onChange={(e) => changeRole(u, e.target.value as Role)}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>{ROLE_LABELS[r]}</option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {page > 1 && <Link className="btn-secondary" href={`/admin/users?q=${encodeURIComponent(query)}&page=${page - 1}`}>Previous</Link>}
          <span>Page {page} of {pages}</span>
          {page < pages && <Link className="btn-secondary" href={`/admin/users?q=${encodeURIComponent(query)}&page=${page + 1}`}>Next</Link>}
        </nav>
      )}
    </div>
  )
}
