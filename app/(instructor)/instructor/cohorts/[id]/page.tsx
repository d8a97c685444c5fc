// One cohort: its invitation link and members (its staff and admins only).
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { CopyButton } from '@/app/_components/copy-button'
import { isUuid } from '@/lib/api/ids'
import { requireUser } from '@/lib/auth/page-session'
import { ROLE_LABELS, rolesWith } from '@/lib/auth/roles'
import { cohortForStaff, inviteUrl } from '@/lib/cohorts/cohorts'
import { getPrisma } from '@/lib/db/global'
import { currentOrigin } from '@/lib/http/current-origin'
import { pageData } from '@/lib/http/page-api-errors'
import { RemoveMemberButton } from './remove-member-button'

export const metadata = { title: 'Cohort' }

export default async function CohortPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await requireUser(rolesWith('cohorts:manage'), `/instructor/cohorts/${id}`)
  if (!isUuid(id)) notFound()
  const cohort = await pageData(cohortForStaff(getPrisma(), user, id))
  const link = inviteUrl(await currentOrigin(), cohort.inviteCode)
  return (
    <>
      <PageHeader title={cohort.name} description={cohort.description || undefined} />
      <nav aria-label="Cohort console" className="mb-6 flex flex-wrap gap-2" data-testid="cohort-console">
        <Link className="btn-secondary" href={`/instructor/cohorts/${cohort.id}/progress`}>Progress matrix</Link>
        <Link className="btn-secondary" href={`/instructor/cohorts/${cohort.id}/assignments`}>Assignments</Link>
        <Link className="btn-secondary" href={`/api/cohorts/${cohort.id}/progress.csv`} prefetch={false}>Export progress (CSV)</Link>
      </nav>
      <section className="card mb-6" aria-labelledby="invite">
        <h2 id="invite" className="font-semibold">Invitation link</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Anyone with this link and an account can join.</p>
        <div className="mt-3 flex items-center gap-2">
          <input readOnly value={link} aria-label="Invitation link" className="input font-mono text-xs" data-testid="invite-url" />
          <CopyButton text={link} />
        </div>
      </section>
      <section aria-labelledby="members">
        <h2 id="members" className="mb-3 font-semibold">Members ({cohort.memberships.length})</h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Email</th>
                <th scope="col" className="px-4 py-2">In this cohort</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {cohort.memberships.map((m) => (
                <tr key={m.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="px-4 py-2">
                    {m.role === 'learner' ? <Link className="underline" href={`/grader/learners/${m.userId}`}>{m.user.name}</Link> : m.user.name}
                  </td>
                  <td className="px-4 py-2">{m.user.email}</td>
                  <td className="px-4 py-2">{ROLE_LABELS[m.role]}</td>
                  <td className="px-4 py-2 text-right">
                    {m.userId !== user.id && <RemoveMemberButton cohortId={cohort.id} userId={m.userId} name={m.user.name} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}
