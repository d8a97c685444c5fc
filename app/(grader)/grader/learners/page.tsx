// The learners in cohorts I teach or grade (admins: every learner), each linking to their work.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { learnersForStaff } from '@/lib/learners/staff-learners'

export const metadata = { title: 'Learners' }

export default async function LearnersPage() {
  const user = await requireUser(rolesWith('cohorts:view'), '/grader/learners')
  const learners = await learnersForStaff(getPrisma(), user)
  return (
    <>
      <PageHeader title="Learners" description={user.role === 'admin' ? 'Every learner.' : 'Learners in the cohorts you teach or grade.'} />
      {learners.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No learners yet. Learners appear here once they join one of your cohorts.</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-sm" data-testid="learners">
            <caption className="sr-only">Learners you may review</caption>
            <thead className="bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Email</th>
                <th scope="col" className="px-4 py-2">Cohorts</th>
              </tr>
            </thead>
            <tbody>
              {learners.map((l) => (
                <tr key={l.id} className="border-t border-slate-200 dark:border-slate-800">
                  <td className="px-4 py-2"><Link className="underline" href={`/grader/learners/${l.id}`}>{l.name}</Link></td>
                  <td className="px-4 py-2">{l.email}</td>
                  <td className="px-4 py-2">{l.cohorts.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
